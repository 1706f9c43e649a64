// A weight whose dense_resource blob the file does not hold
// (test/Run/bad-inputs.mlir).

attn.weight @w = dense_resource<missing_blob> : tensor<2x4xf32>

func.func @f(%x: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %w = attn.weight_ref @w : tensor<2x4xf32>
  %e = tensor.empty() : tensor<2x4xf32>
  %r = linalg.add ins(%x, %w : tensor<2x4xf32>, tensor<2x4xf32>) outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
