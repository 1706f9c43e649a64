// Lowering keeps sharing: after attn-share-weights every weight is one
// global, however many layers (here three matmuls, each with its own
// attn.weight and dense_resource blob of the same bytes) used a copy of it.
// RUN: attn-opt %s --attn-share-weights --attn-lower-weights | FileCheck %s --check-prefix=GLOBALS
// RUN: attn-opt %s --attn-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: attn-opt %s --attn-cpu-pipeline=matmul=false | FileCheck %s --check-prefix=LLVM
// RUN: attn-opt %s --attn-cpu-pipeline=share-weights=false | FileCheck %s --check-prefix=OFF
// RUN: attn-opt %s --attn-cpu-pipeline="share-weights=false matmul=false" | FileCheck %s --check-prefix=OFF

// GLOBALS:     memref.global "private" constant @layer0.w : memref<4x4xf32> = dense_resource<layer0_w> {alignment = 64 : i64}
// GLOBALS-NOT: memref.global
// GLOBALS:     func.func @stack
// GLOBALS-COUNT-3: memref.get_global @layer0.w : memref<4x4xf32>
// GLOBALS-NOT: memref.get_global

// In the whole pipeline, the one global is the weight itself (matmul=false)
// or its one copy packed at compile time by attn-matmul-kernel
// (@layer0.w.packed<NR>), which packs each weight once however many
// matmuls read it.
// LLVM:     llvm.mlir.global private constant @layer0.w{{(\.packed[0-9]+)?}}(dense_resource<
// LLVM-NOT: llvm.mlir.global {{.*}}@layer
// LLVM:     llvm.func @stack

// Without the pass each copy is a global of its own (packed or not).
// OFF-DAG: llvm.mlir.global private constant @layer0.w{{(\.packed[0-9]+)?}}(dense_resource<
// OFF-DAG: llvm.mlir.global private constant @layer1.w{{(\.packed[0-9]+)?}}(dense_resource<
// OFF-DAG: llvm.mlir.global private constant @layer2.w{{(\.packed[0-9]+)?}}(dense_resource<

attn.weight @layer0.w = dense_resource<layer0_w> : tensor<4x4xf32>
attn.weight @layer1.w = dense_resource<layer1_w> : tensor<4x4xf32>
attn.weight @layer2.w = dense_resource<layer2_w> : tensor<4x4xf32>
func.func @stack(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x4xf32>) -> tensor<3x4xf32>
  %w0 = attn.weight_ref @layer0.w : tensor<4x4xf32>
  %y0 = linalg.matmul ins(%x, %w0 : tensor<3x4xf32>, tensor<4x4xf32>) outs(%z : tensor<3x4xf32>) -> tensor<3x4xf32>
  %w1 = attn.weight_ref @layer1.w : tensor<4x4xf32>
  %y1 = linalg.matmul ins(%y0, %w1 : tensor<3x4xf32>, tensor<4x4xf32>) outs(%z : tensor<3x4xf32>) -> tensor<3x4xf32>
  %w2 = attn.weight_ref @layer2.w : tensor<4x4xf32>
  %y2 = linalg.matmul ins(%y1, %w2 : tensor<3x4xf32>, tensor<4x4xf32>) outs(%z : tensor<3x4xf32>) -> tensor<3x4xf32>
  return %y2 : tensor<3x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      layer0_w: "0x40000000000040BF0000003E000020BF0000803E000000BF0000C03E0000C0BE0000003F000080BE0000203F000000BE0000403F00000000000040BF0000003E000020BF",
      layer1_w: "0x40000000000040BF0000003E000020BF0000803E000000BF0000C03E0000C0BE0000003F000080BE0000203F000000BE0000403F00000000000040BF0000003E000020BF",
      layer2_w: "0x40000000000040BF0000003E000020BF0000803E000000BF0000C03E0000C0BE0000003F000080BE0000203F000000BE0000403F00000000000040BF0000003E000020BF"
    }
  }
#-}
