func.func @not_a_weight() -> tensor<4xf32> {
  %w = attn.weight_ref @not_a_weight : tensor<4xf32>
  return %w : tensor<4xf32>
}
