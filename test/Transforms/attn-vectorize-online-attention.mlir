// attn-vectorize-online-attention: the register-blocked vector kernel.
// RUN: attn-opt %s --attn-vectorize-online-attention="lanes=16 row-group=2 vectors-per-row=2" -split-input-file | FileCheck %s

// Two rows × two vectors of 16 keys: four score accumulators over the head
// dim, then the online softmax per row, then P·V into the accumulator.
// CHECK-LABEL: func.func @kernel
// CHECK: %[[P:.*]] = memref.alloca() : memref<2x32xf32>
// CHECK: scf.for %[[R0:.*]] = %{{.*}} to %{{.*}} step %c2 iter_args
// CHECK:   scf.for %[[J0:.*]] = %{{.*}} to %{{.*}} step %c32 iter_args
// CHECK:     scf.for %[[D:.*]] = %{{.*}} to %c64 step %c1 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-2: vector.transfer_read {{.*}} : tensor<64x?xbf16>, vector<16xbf16>
// CHECK:         tensor.extract {{.*}} : tensor<?x64xbf16>
// CHECK-COUNT-2: vector.fma {{.*}} : vector<16xf32>
// CHECK:     arith.select {{.*}} : vector<16xi1>, vector<16xf32>
// CHECK:     vector.reduction <maxnumf>
// CHECK:     math.exp {{.*}} : vector<16xf32>
// CHECK:     vector.store {{.*}}, %[[P]]
// CHECK:     vector.reduction <add>
// CHECK:     scf.for {{.*}} -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK:       memref.load %[[P]]
// CHECK:       vector.fma
// CHECK:     vector.transfer_write {{.*}} : vector<16xf32>, tensor<?x32xf32>
func.func @kernel(%q: tensor<?x64xbf16>, %kt: tensor<64x?xbf16>, %v: tensor<?x32xbf16>,
                  %acc: tensor<?x32xf32>, %m: tensor<?xf32>, %l: tensor<?xf32>, %shift: index)
    -> (tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>) {
  %a, %mx, %s = attn.online_attention %q, %kt, %v into(%acc, %m, %l) causal_shift(%shift)
      key_transposed scale = 0.125
      : tensor<?x64xbf16>, tensor<64x?xbf16>, tensor<?x32xbf16> -> tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
  return %a, %mx, %s : tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Left for the portable lowering: keys not transposed, a dynamic head dim,
// a boolean mask.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-3: attn.online_attention
// CHECK-NOT: vector.
func.func @left_alone(%q: tensor<8x64xf32>, %k: tensor<16x64xf32>, %qd: tensor<8x?xf32>,
                      %kd: tensor<?x16xf32>, %v: tensor<16x64xf32>, %acc: tensor<8x64xf32>,
                      %m: tensor<8xf32>, %mask: tensor<8x16xi1>)
    -> (tensor<8x64xf32>, tensor<8x64xf32>, tensor<8x64xf32>) {
  %a0, %m0, %l0 = attn.online_attention %q, %k, %v into(%acc, %m, %m) scale = 1.0
      : tensor<8x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<8x64xf32>, tensor<8xf32>, tensor<8xf32>
  %a1, %m1, %l1 = attn.online_attention %qd, %kd, %v into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<8x?xf32>, tensor<?x16xf32>, tensor<16x64xf32> -> tensor<8x64xf32>, tensor<8xf32>, tensor<8xf32>
  %kt = tensor.empty() : tensor<64x16xf32>
  %a2, %m2, %l2 = attn.online_attention %q, %kt, %v mask(%mask : tensor<8x16xi1>) into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<8x64xf32>, tensor<64x16xf32>, tensor<16x64xf32> -> tensor<8x64xf32>, tensor<8xf32>, tensor<8xf32>
  return %a0, %a1, %a2 : tensor<8x64xf32>, tensor<8x64xf32>, tensor<8x64xf32>
}
