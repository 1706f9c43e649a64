func.func @sdpa_head_dim(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x32xf32>) -> tensor<1x8x128x32xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x8x128x64xf32>, tensor<1x8x128x32xf32>, tensor<1x8x128x32xf32> -> tensor<1x8x128x32xf32>
  return %o : tensor<1x8x128x32xf32>
}
