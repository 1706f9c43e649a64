// attn ops mixed with upstream front ends compile and run: TOSA (lowered to
// linalg by the pipeline), element-wise arith on tensors, and
// linalg.softmax (decomposed: upstream's loops lowering cannot take it).
// RUN: attn-opt %s --attn-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// RUN: attn-run %s --function tosa_residual --check | FileCheck %s
// RUN: attn-run %s --function softmax_and_sdpa --check | FileCheck %s

// LLVM-NOT: {{ (tosa|linalg|arith|tensor)\.[a-z_]+}}
// LLVM: llvm.func @tosa_residual
// CHECK: reference: attn ops evaluated by attn::ref in double precision; {{[1-9][0-9]*}} upstream ops compiled with upstream lowering
// CHECK: PASS

func.func @tosa_residual(%q: tensor<1x2x3x4xf32>, %k: tensor<1x2x5x4xf32>,
                         %v: tensor<1x2x5x4xf32>) -> tensor<1x2x3x4xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x3x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32> -> tensor<1x2x3x4xf32>
  %r = tosa.add %o, %q : (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %t = arith.mulf %r, %r : tensor<1x2x3x4xf32>
  return %t : tensor<1x2x3x4xf32>
}

func.func @softmax_and_sdpa(%x: tensor<4x8xf32>, %q: tensor<1x2x3x4xf32>,
                            %k: tensor<1x2x5x4xf32>, %v: tensor<1x2x5x4xf32>)
    -> (tensor<4x8xf32>, tensor<1x2x3x4xf32>) {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x3x4xf32>, tensor<1x2x5x4xf32>, tensor<1x2x5x4xf32> -> tensor<1x2x3x4xf32>
  %e = tensor.empty() : tensor<4x8xf32>
  %s = linalg.softmax dimension(1) ins(%x : tensor<4x8xf32>) outs(%e : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s, %o : tensor<4x8xf32>, tensor<1x2x3x4xf32>
}
