func.func @sdpa_zero_scale(%q: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q scale = 0.0 : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
