func.func @sdpa_value_rank(%q: tensor<1x8x128x64xf32>, %v: tensor<1x1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
