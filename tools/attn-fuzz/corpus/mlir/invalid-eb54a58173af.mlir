attn.weight @w = dense<1.0> : tensor<4xf32>
func.func @mistyped_weight() -> tensor<8xf32> {
  %w = attn.weight_ref @w : tensor<8xf32>
  return %w : tensor<8xf32>
}
