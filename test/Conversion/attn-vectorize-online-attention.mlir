// attn-vectorize-online-attention: the register-blocked vector kernel.
// RUN: attn-opt %s --attn-vectorize-online-attention="vector-lanes=16 row-group=2 vectors-per-row=2" -split-input-file | FileCheck %s
// lanes=, the older spelling of vector-lanes=, says the same:
// RUN: attn-opt %s --attn-vectorize-online-attention="lanes=16 row-group=2 vectors-per-row=2" -split-input-file | FileCheck %s
// Register blocking sizes must be positive.
// RUN: not attn-opt %s --attn-vectorize-online-attention="lanes=16 row-group=0" -split-input-file 2>&1 | FileCheck %s --check-prefix=BADSIZE
// BADSIZE: error: attn-vectorize-online-attention: sizes must be positive
// A chunk of 2 keys (lanes=2, one vector per row): stored keys are taken 2
// per step, not 4 (which would write past the 1×2 score buffer).
// RUN: attn-opt %s --attn-vectorize-online-attention="lanes=2 row-group=1 vectors-per-row=1" -split-input-file | FileCheck %s --check-prefix=TINY
// TINY-LABEL: func.func @rows_kernel
// TINY: memref.alloca() : memref<1x2xf32>
// TINY: scf.for %{{.*}} = %c0 to %c2 step %c2 {

// Two rows × two vectors of 16 keys: four score accumulators over the head
// dim, then the online softmax per row, then P·V into the accumulator.
// CHECK-LABEL: func.func @kernel
// Scores are scaled by scale · log2(e) = 0.125 · 1.4427.
// CHECK-DAG: arith.constant dense<0.180336878> : vector<16xf32>
// CHECK: %[[P:.*]] = memref.alloca() : memref<2x32xf32>
// CHECK: scf.for %[[R0:.*]] = %{{.*}} to %{{.*}} step %c2 iter_args
// Causal: the group's chunks stop at the last row's limit + 1 (chunks past
// it are hidden from every row and never run); those that end by the first
// row's limit + 1 are seen whole and run without the rule, only the rest
// (the diagonal) compare key and row positions.
// CHECK:   %[[SEEN:.*]] = arith.maxsi %{{.*}}, %c0 : index
// CHECK:   %[[END:.*]] = arith.minsi %[[SEEN]], %{{.*}} : index
// CHECK:   arith.divsi %{{.*}}, %c32 : index
// CHECK:   %[[DIAG:.*]] = arith.minsi %{{.*}}, %[[END]] : index
// CHECK:   %[[BELOW:.*]]:5 = scf.for %{{.*}} = %c0 to %[[DIAG]] step %c32 iter_args
// CHECK-NOT: arith.cmpi sgt, {{.*}} : vector<16xi32>
// CHECK:   scf.for %[[J0:.*]] = %[[DIAG]] to %[[END]] step %c32 iter_args(%{{.*}} = %[[BELOW]]#0, %{{.*}} = %[[BELOW]]#1
// CHECK:     scf.for %[[D:.*]] = %{{.*}} to %c64 step %c1 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-2: vector.transfer_read {{.*}} : tensor<64x?xbf16>, vector<16xbf16>
// CHECK:         tensor.extract {{.*}} : tensor<?x64xbf16>
// CHECK-COUNT-2: vector.fma {{.*}} : vector<16xf32>
// CHECK:     arith.cmpi sgt, {{.*}} : vector<16xi32>
// CHECK:     arith.select {{.*}} : vector<16xi1>, vector<16xf32>
// CHECK:     vector.reduction <maxnumf>
// The softmax in base 2: α = 2^(m − m') as a scalar, P = 2^(S − m') as
// vectors: roundeven, a degree-6 polynomial, the power of two from bits.
// CHECK:     math.roundeven {{.*}} : f32
// CHECK:     math.roundeven {{.*}} : vector<16xf32>
// CHECK-COUNT-6: math.fma {{.*}} : vector<16xf32>
// CHECK:     arith.shli {{.*}} : vector<16xi32>
// CHECK:     arith.bitcast {{.*}} : vector<16xi32> to vector<16xf32>
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

// Keys as stored (no key_transposed: decoding) give dot products along D:
// 4 keys × the block's single static row (fewer rows than row-group=2, so
// one row per group) accumulate 16-lane partial products over D = 40
// (masked reads for the last 8), reduce to scores in the stack buffer, and
// the chunk's score vectors are loaded back from it.
// CHECK-LABEL: func.func @rows_kernel
// CHECK: %[[S:.*]] = memref.alloca() : memref<1x32xf32>
// CHECK: %[[N:.*]] = tensor.dim %{{.*}}, %c0 : tensor<?x40xf32>
// Read-only views of K and V, for prefetching rows 16 keys ahead.
// CHECK: %[[KB:.*]] = bufferization.to_buffer %arg1 read_only : tensor<?x40xf32> to memref<?x40xf32, strided<[?, ?], offset: ?>>
// CHECK: %[[VB:.*]] = bufferization.to_buffer %arg2 read_only : tensor<?x32xf32> to memref<?x32xf32, strided<[?, ?], offset: ?>>
// CHECK: scf.for %{{.*}} = %c0 to %c1 step %c1 iter_args
// CHECK:   scf.for %[[J0:.*]] = %c0 to %[[N]] step %c32 iter_args
// CHECK:     scf.if
// CHECK:       scf.for %[[C0:.*]] = %c0 to %c32 step %c4 {
// CHECK:         scf.for %{{.*}} = %c0 to %c40 step %c16 iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK:           vector.transfer_read %arg1{{.*}} : tensor<?x40xf32>, vector<16xf32>
// CHECK:           memref.prefetch %[[KB]][%{{.*}}, %{{.*}}], read, locality<3>, data
// CHECK-COUNT-3:   vector.transfer_read %arg1{{.*}} : tensor<?x40xf32>, vector<16xf32>
// CHECK:           vector.transfer_read %arg0{{.*}} : tensor<1x40xf32>, vector<16xf32>
// CHECK-COUNT-4:   vector.fma
// CHECK:         vector.reduction <add>, %{{.*}} fastmath<reassoc>
// CHECK-NEXT:    memref.store %{{.*}}, %[[S]][%c0, %[[C0]]]
// CHECK:       vector.load %[[S]][%c0, %c0] : memref<1x32xf32>, vector<16xf32>
// CHECK-NEXT:  vector.load %[[S]][%c0, %c16] : memref<1x32xf32>, vector<16xf32>
// CHECK:       math.roundeven {{.*}} : vector<16xf32>
// CHECK:       memref.prefetch %[[VB]]
// A ragged chunk clamps the keys it reads to the last one.
// CHECK:     } else {
// CHECK:       %[[LAST:.*]] = arith.subi %[[N]], %c1
// CHECK:       arith.minsi %{{.*}}, %[[LAST]] : index
func.func @rows_kernel(%q: tensor<1x40xf32>, %k: tensor<?x40xf32>, %v: tensor<?x32xf32>,
                       %acc: tensor<1x32xf32>, %m: tensor<1xf32>, %l: tensor<1xf32>)
    -> (tensor<1x32xf32>, tensor<1xf32>, tensor<1xf32>) {
  %a, %mx, %s = attn.online_attention %q, %k, %v into(%acc, %m, %l) scale = 0.125
      : tensor<1x40xf32>, tensor<?x40xf32>, tensor<?x32xf32> -> tensor<1x32xf32>, tensor<1xf32>, tensor<1xf32>
  return %a, %mx, %s : tensor<1x32xf32>, tensor<1xf32>, tensor<1xf32>
}

// -----

// Left for the portable lowering: a dynamic head dim, a boolean mask.
// CHECK-LABEL: func.func @left_alone
// CHECK-COUNT-2: attn.online_attention
// CHECK-NOT: vector.
func.func @left_alone(%q: tensor<8x64xf32>, %qd: tensor<8x?xf32>,
                      %kd: tensor<?x16xf32>, %v: tensor<16x64xf32>, %acc: tensor<8x64xf32>,
                      %m: tensor<8xf32>, %mask: tensor<8x16xi1>)
    -> (tensor<8x64xf32>, tensor<8x64xf32>) {
  %a1, %m1, %l1 = attn.online_attention %qd, %kd, %v into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<8x?xf32>, tensor<?x16xf32>, tensor<16x64xf32> -> tensor<8x64xf32>, tensor<8xf32>, tensor<8xf32>
  %kt = tensor.empty() : tensor<64x16xf32>
  %a2, %m2, %l2 = attn.online_attention %q, %kt, %v mask(%mask : tensor<8x16xi1>) into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<8x64xf32>, tensor<64x16xf32>, tensor<16x64xf32> -> tensor<8x64xf32>, tensor<8xf32>, tensor<8xf32>
  return %a1, %a2 : tensor<8x64xf32>, tensor<8x64xf32>
}
