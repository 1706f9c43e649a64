attn.weight @h = dense<1.0> : tensor<4xf16>
func.func @weight_element_type() -> tensor<4xf32> {
  %w = attn.weight_ref @h : tensor<4xf32>
  return %w : tensor<4xf32>
}
