func.func @missing_weight() -> tensor<4xf32> {
  %w = attn.weight_ref @nope : tensor<4xf32>
  return %w : tensor<4xf32>
}
