// RUN: attn-opt %s --attn-map-sdpa-to-gpu --cse --split-input-file | FileCheck %s
// RUN: attn-opt %s --attn-map-sdpa-to-gpu=emulate --split-input-file | FileCheck %s --check-prefix=EMU

// The grid is (query blocks, batch · query heads), one thread per query row;
// the operands go to device memory and the result comes back.

// CHECK-LABEL: func.func @mha
//  CHECK-SAME: (%[[Q:.+]]: tensor<2x4x100x64xf32>, %[[K:.+]]: tensor<2x4x80x64xf32>, %[[V:.+]]: tensor<2x4x80x64xf32>)
//   CHECK-DAG: %[[QB:.+]] = bufferization.to_buffer %[[Q]] read_only
//   CHECK-DAG: %[[HOST_O:.+]] = memref.alloc() : memref<2x4x100x64xf32>
//       CHECK: %[[DQ:.+]], %{{.+}} = gpu.alloc async
//       CHECK: gpu.memcpy async [%{{.+}}] %[[DQ]], %[[QB]]
//   CHECK-DAG: %[[C2:.+]] = arith.constant 2 : index
//   CHECK-DAG: %[[C8:.+]] = arith.constant 8 : index
//   CHECK-DAG: %[[C64:.+]] = arith.constant 64 : index
//       CHECK: %[[DONE:.+]] = gpu.launch async [%{{.+}}] blocks(%[[QBLK:[a-z0-9_]+]], %[[BH:[a-z0-9_]+]], %{{.+}}) in (%{{.+}} = %[[C2]], %{{.+}} = %[[C8]], %{{.+}} = %{{.+}}) threads(%{{.+}}) in (%{{.+}} = %[[C64]],
//  CHECK-SAME: workgroup(%{{.+}} : memref<64x64xf32, #gpu.address_space<workgroup>>, %{{.+}} : memref<64x64xf32, #gpu.address_space<workgroup>>, %{{.+}} : memref<64x64xf32, #gpu.address_space<workgroup>>)
//  CHECK-SAME: private(%{{.+}} : memref<1xf32, #gpu.address_space<private>>, %{{.+}} : memref<1xf32, #gpu.address_space<private>>, %{{.+}} : memref<1x64xf32, #gpu.address_space<private>>)
// Not causal: every query block visits all ceil(80 / 64) = 2 key/value blocks.
//       CHECK:   gpu.barrier
//       CHECK:   scf.for %{{.+}} = %{{.+}} to %[[C2]] step
//       CHECK:     gpu.barrier
//       CHECK:     vector.fma
//       CHECK:     gpu.barrier
//       CHECK:   vector.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] : memref<2x4x100x64xf32>, vector<64xf32>
//       CHECK:   gpu.terminator
//       CHECK: gpu.memcpy async [%[[DONE]]] %[[HOST_O]],
//       CHECK: gpu.dealloc async
//       CHECK: gpu.wait [
//       CHECK: %[[R:.+]] = bufferization.to_tensor %[[HOST_O]] restrict writable
//       CHECK: return %[[R]]

// EMU-LABEL: func.func @mha
//       EMU: scf.forall (%[[QBLK:[a-z0-9_]+]], %[[BH:[a-z0-9_]+]]) in (2, 8) {
//   EMU-DAG:   memref.alloca() : memref<64x64xf32>
//   EMU-DAG:   memref.alloca() : memref<64x64xf32>
//   EMU-DAG:   memref.alloca() : memref<64x64xf32>
//   EMU-DAG:   memref.alloca() : memref<64xf32>
//   EMU-DAG:   memref.alloca() : memref<64x64xf32>
// The first stretch (Q tile, state reset) is a loop over the 64 threads.
//       EMU:   scf.for %[[T:.+]] = %{{.+}} to %{{.+}} step
//   EMU-NOT:   gpu.
//       EMU:   scf.for
//       EMU:     scf.for
//       EMU:     scf.for
//       EMU:       scf.for
//       EMU:         vector.fma
//   EMU-NOT: gpu.
//       EMU: bufferization.to_tensor
func.func @mha(%q: tensor<2x4x100x64xf32>, %k: tensor<2x4x80x64xf32>, %v: tensor<2x4x80x64xf32>) -> tensor<2x4x100x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<2x4x100x64xf32>, tensor<2x4x80x64xf32>, tensor<2x4x80x64xf32> -> tensor<2x4x100x64xf32>
  return %o : tensor<2x4x100x64xf32>
}

// -----

// Causal (bottom-right, offset Skv − Sq = 0 here) with GQA: query head h
// reads key/value head h floordiv 4; the key/value loop of query block qb
// ends at ceil(max(min(128, min(qb·64 + 64, 128)), 0) / 64): blocks above the
// diagonal are never visited; keys past a row's limit are −inf on the
// diagonal.

//   CHECK-DAG: #{{.+}} = affine_map<()[s0] -> ((s0 mod 8) floordiv 4)>
//   CHECK-DAG: #{{.+}} = affine_map<()[s0] -> (s0 * 64 + 64, 128)>
//   CHECK-DAG: #{{.+}} = affine_map<()[s0] -> (128, s0)>
//   CHECK-DAG: #{{.+}} = affine_map<()[s0] -> (s0, 0)>
//   CHECK-DAG: #{{.+}} = affine_map<()[s0] -> (s0 ceildiv 64)>
// CHECK-LABEL: func.func @causal_gqa
//       CHECK: gpu.launch async [%{{.+}}] blocks(%[[QBLK:[a-z0-9_]+]], %[[BH:[a-z0-9_]+]], %{{.+}}) in
//       CHECK:   affine.apply #{{.+}}()[%[[BH]]]
//       CHECK:   affine.apply #{{.+}}()[%[[BH]]]
//       CHECK:   %[[G:[0-9]+]] = affine.apply #{{.+}}()[%[[BH]]]
//       CHECK:   %[[END0:.+]] = affine.min #{{.+}}()[%[[QBLK]]]
//       CHECK:   %[[END1:.+]] = affine.min #{{.+}}()[%[[END0]]]
//       CHECK:   %[[KVEND:.+]] = affine.max #{{.+}}()[%[[END1]]]
//       CHECK:   %[[N:.+]] = affine.apply #{{.+}}()[%[[KVEND]]]
//       CHECK:   scf.for %{{.+}} = %{{.+}} to %[[N]] step
//       CHECK:     vector.load %{{.+}}[%{{.+}}, %[[G]], %{{.+}}, %{{.+}}]
//       CHECK:     arith.cmpi sgt
//       CHECK:     arith.select
//       CHECK:     math.exp

// EMU-LABEL: func.func @causal_gqa
//       EMU: scf.forall (%[[QBLK:[a-z0-9_]+]], %[[BH:[a-z0-9_]+]]) in (2, 8)
//       EMU:   affine.min #{{.+}}(%[[QBLK]])
func.func @causal_gqa(%q: tensor<1x8x128x64xf32>, %k: tensor<1x2x128x64xf32>, %v: tensor<1x2x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

// A function without attn.sdpa is left alone (and the module is not made a
// GPU container).

// CHECK-NOT: gpu.container_module
// CHECK-LABEL: func.func @no_attention
//  CHECK-NEXT: return %arg0
func.func @no_attention(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
