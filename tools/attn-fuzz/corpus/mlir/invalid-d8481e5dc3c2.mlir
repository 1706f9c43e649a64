func.func @sdpa_value_batch(%q: tensor<2x8x128x64xf32>, %v: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %v : tensor<2x8x128x64xf32>, tensor<2x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}
