func.func @sdpa_mixed_value(%q: tensor<1x8x128x64xf32>, %v: tensor<1x8x128x64xbf16>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xbf16> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
