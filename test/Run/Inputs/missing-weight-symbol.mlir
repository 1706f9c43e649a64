// A module that names a weight it does not define (test/Run/bad-inputs.mlir).

func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = attn.weight_ref @absent : tensor<2x4xf32>
  %e = tensor.empty() : tensor<2x4xf32>
  %r = linalg.add ins(%x, %w : tensor<2x4xf32>, tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
