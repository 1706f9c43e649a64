func.func @sdpa_grouping(%q: tensor<1x6x128x64xf32>, %k: tensor<1x4x128x64xf32>) -> tensor<1x6x128x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x6x128x64xf32>, tensor<1x4x128x64xf32>, tensor<1x4x128x64xf32> -> tensor<1x6x128x64xf32>
  return %o : tensor<1x6x128x64xf32>
}
