// attn-cpu-pipeline's option for attn-matmul-kernel's prepack-weights is
// matmul-prepack-weights (the pass's name with the pipeline's matmul-
// prefix); matmul-prepack, its older spelling, still turns prepacking off.
// RUN: attn-opt %s --attn-cpu-pipeline | FileCheck %s --check-prefix=PACKED
// RUN: attn-opt %s --attn-cpu-pipeline=matmul-prepack-weights=false | FileCheck %s --check-prefix=UNPACKED
// RUN: attn-opt %s --attn-cpu-pipeline=matmul-prepack=false | FileCheck %s --check-prefix=UNPACKED

// PACKED:       llvm.mlir.global {{.*}}@w.packed{{[0-9]+}}(
// UNPACKED-NOT: packed
// UNPACKED:     llvm.mlir.global {{.*}}@w(
// UNPACKED-NOT: packed

attn.weight @w = dense<0.5> : tensor<24x40xf32>
func.func @f(%a: tensor<8x24xf32>) -> tensor<8x40xf32> {
  %w = attn.weight_ref @w : tensor<24x40xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<8x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<8x40xf32>) -> tensor<8x40xf32>
  %y = linalg.matmul ins(%a, %w : tensor<8x24xf32>, tensor<24x40xf32>)
      outs(%z : tensor<8x40xf32>) -> tensor<8x40xf32>
  return %y : tensor<8x40xf32>
}
