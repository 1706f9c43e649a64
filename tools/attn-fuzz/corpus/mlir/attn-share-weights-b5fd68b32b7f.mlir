attn.weight @w = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
attn.weight @w_transposed = dense<[[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]> : tensor<3x2xf32>
func.func @tied() -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %w = attn.weight_ref @w : tensor<2x3xf32>
  %t = attn.weight_ref @w_transposed : tensor<3x2xf32>
  return %w, %t : tensor<2x3xf32>, tensor<3x2xf32>
}
