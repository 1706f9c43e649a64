func.func @weights_f16() -> tensor<16xf16> {
  %w = attn.weight_ref @half : tensor<16xf16>
  return %w : tensor<16xf16>
}
