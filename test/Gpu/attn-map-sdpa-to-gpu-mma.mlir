// RUN: attn-opt %s --attn-map-sdpa-to-gpu --cse --split-input-file | FileCheck %s
// RUN: attn-opt %s --attn-map-sdpa-to-gpu=tensor-cores=false --split-input-file | FileCheck %s --check-prefix=FMA
// RUN: attn-opt %s --attn-map-sdpa-to-gpu=emulate --split-input-file | FileCheck %s --check-prefix=EMU

// f16: the tensor-core kernel. A warp per 16 rows (128 threads for 64
// rows); the Q/K tile and the V tile in shared memory in f16, rows padded
// to 64 + 8; the fragments in private memory (registers).

// CHECK-LABEL: func.func @causal_f16
//       CHECK: gpu.launch async [%{{.+}}] blocks(%[[QBLK:[a-z0-9_]+]], %{{.+}}, %{{.+}}) in (%{{.+}} = %c2, %{{.+}} = %c4, %{{.+}} = %c1) threads(%{{.+}}) in (%{{.+}} = %c128,
//  CHECK-SAME: workgroup(%[[SQK:.+]] : memref<64x72xf16, #gpu.address_space<workgroup>>, %[[SV:.+]] : memref<64x72xf16, #gpu.address_space<workgroup>>)
//  CHECK-SAME: private(%[[QF:.+]] : memref<1x32xf16, #gpu.address_space<private>>, %[[OPF:.+]] : memref<1x32xf16, #gpu.address_space<private>>, %[[S:.+]] : memref<1x32xf32, #gpu.address_space<private>>, %[[P:.+]] : memref<1x32xf16, #gpu.address_space<private>>, %[[ACC:.+]] : memref<1x32xf32, #gpu.address_space<private>>,
// The causal key/value loop bound depends on the query block.
//       CHECK:   %[[ROWEND:.+]] = affine.min #{{.+}}()[%[[QBLK]]]
//       CHECK:   %[[KVEND:.+]] = affine.min #{{.+}}()[%[[ROWEND]]]
//       CHECK:   %[[NKV:.+]] = affine.apply #{{.+}}()[%{{.+}}]
// The Q tile staged with cp.async (rows past Sq: 0 bytes read, zeros).
//       CHECK:   nvgpu.device_async_copy %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}], %[[SQK]][%{{.+}}, %{{.+}}], 8, %{{.+}} {bypassL1} : memref<1x4x100x64xf16> to memref<64x72xf16, #gpu.address_space<workgroup>>
//       CHECK:   %[[G:.+]] = nvgpu.device_async_create_group
//       CHECK:   nvgpu.device_async_wait %[[G]] {numGroups = 0 : i32}
//       CHECK:   gpu.barrier
// The Q fragments.
//       CHECK:   nvgpu.ldmatrix %[[SQK]][{{.+}}] {numTiles = 4 : i32, transpose = false} : memref<64x72xf16, #gpu.address_space<workgroup>> -> vector<4x2xf16>
//       CHECK:   gpu.barrier
//       CHECK:   scf.for %{{.+}} = %c0 to %[[NKV]] step %c1 {
//       CHECK:     nvgpu.device_async_copy {{.+}} to memref<64x72xf16, #gpu.address_space<workgroup>>
//       CHECK:     nvgpu.device_async_copy {{.+}} to memref<64x72xf16, #gpu.address_space<workgroup>>
//       CHECK:     nvgpu.device_async_wait
//       CHECK:     gpu.barrier
// Q·Kᵀ: K fragments, then mma.sync on f16 pairs into the scores.
//       CHECK:     nvgpu.ldmatrix %[[SQK]][{{.+}}] {numTiles = 4 : i32, transpose = false}
//       CHECK:     nvvm.mma.sync A[{{.+}}] B[{{.+}}] C[{{.+}}] {{.+}}shape = #nvvm.shape<m = 16, n = 8, k = 16>} : (vector<2xf16>, vector<2xf16>, f32) -> !llvm.struct<(f32, f32, f32, f32)>
//       CHECK:     memref.store %{{.+}}, %[[S]]
// The row max over the quad.
//       CHECK:     gpu.shuffle  xor %{{.+}}, %c1_i32
//       CHECK:     gpu.shuffle  xor %{{.+}}, %c2_i32
//       CHECK:     math.exp
//       CHECK:     memref.store %{{.+}}, %[[P]]
// P·V: V fragments through ldmatrix.trans, then mma.sync into the
// accumulators.
//       CHECK:     nvgpu.ldmatrix %[[SV]][{{.+}}] {numTiles = 4 : i32, transpose = true}
//       CHECK:     memref.load %[[P]]
//       CHECK:     nvvm.mma.sync
//       CHECK:     memref.store %{{.+}}, %[[ACC]]
//       CHECK:     gpu.barrier
//       CHECK:   }
// The row sums over the quad, then the output pairs.
//       CHECK:   gpu.shuffle  xor
//       CHECK:   vector.store %{{.+}}, %{{.+}}[%{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}] : memref<1x4x100x64xf16>, vector<2xf16>
//       CHECK:   gpu.terminator

// FMA-LABEL: func.func @causal_f16
//       FMA: threads(%{{.+}}) in (%{{.+}} = %c64,
//  FMA-SAME: workgroup(%{{.+}} : memref<64x64xf32, #gpu.address_space<workgroup>>
//   FMA-NOT: nvvm.mma.sync

// EMU-LABEL: func.func @causal_f16
//       EMU: scf.forall
//   EMU-DAG: memref.alloca() : memref<64x72xf16>
//   EMU-DAG: memref.alloca() : memref<128x32xf32>
//   EMU-NOT: nvgpu
//   EMU-NOT: nvvm
//       EMU: scf.for %{{.+}} = %{{.+}} to %c128 step %{{.+}}
func.func @causal_f16(%q: tensor<1x4x100x64xf16>, %k: tensor<1x2x100x64xf16>, %v: tensor<1x2x100x64xf16>) -> tensor<1x4x100x64xf16> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x4x100x64xf16>, tensor<1x2x100x64xf16>, tensor<1x2x100x64xf16> -> tensor<1x4x100x64xf16>
  return %o : tensor<1x4x100x64xf16>
}

// -----

// bf16: the pairs are packed in i32 for nvvm.mma.sync (bf16 nvgpu.mma.sync
// does not lower in MLIR 22).

// CHECK-LABEL: func.func @bf16
//       CHECK: nvgpu.ldmatrix {{.+}} -> vector<4x2xbf16>
//       CHECK: vector.bitcast %{{.+}} : vector<2xbf16> to vector<1xi32>
//       CHECK: nvvm.mma.sync {{.+}}multiplicandAPtxType = #nvvm.mma_type<bf16>{{.+}} : (i32, i32, f32) -> !llvm.struct<(f32, f32, f32, f32)>
func.func @bf16(%q: tensor<1x1x32x32xbf16>, %k: tensor<1x1x32x32xbf16>, %v: tensor<1x1x32x32xbf16>) -> tensor<1x1x32x32xbf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x1x32x32xbf16>, tensor<1x1x32x32xbf16>, tensor<1x1x32x32xbf16> -> tensor<1x1x32x32xbf16>
  return %o : tensor<1x1x32x32xbf16>
}

// -----

// Left to the FMA kernel: a head dim that is not a multiple of 16 (f16
// widened to f32 in shared memory, a thread per row).

// CHECK-LABEL: func.func @head_dim_24
//       CHECK: threads(%{{.+}}) in (%{{.+}} = %c64,
//  CHECK-SAME: workgroup(%{{.+}} : memref<24x64xf32, #gpu.address_space<workgroup>>
//   CHECK-NOT: nvvm.mma.sync
//       CHECK: return
func.func @head_dim_24(%q: tensor<1x1x32x24xf16>, %k: tensor<1x1x32x24xf16>, %v: tensor<1x1x32x24xf16>) -> tensor<1x1x32x24xf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x1x32x24xf16>, tensor<1x1x32x24xf16>, tensor<1x1x32x24xf16> -> tensor<1x1x32x24xf16>
  return %o : tensor<1x1x32x24xf16>
}
