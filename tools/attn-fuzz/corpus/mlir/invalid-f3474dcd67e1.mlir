func.func @sdpa_mixed_key(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x64xf16>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %q : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf16>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
