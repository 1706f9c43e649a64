func.func @sdpa_mixed_result(%q: tensor<1x8x128x64xf16>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf16>, tensor<1x8x128x64xf16>, tensor<1x8x128x64xf16> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
