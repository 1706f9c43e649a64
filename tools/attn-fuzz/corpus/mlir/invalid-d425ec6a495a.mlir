func.func @sdpa_offset_without_causal(%q: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q offset = 3 : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
