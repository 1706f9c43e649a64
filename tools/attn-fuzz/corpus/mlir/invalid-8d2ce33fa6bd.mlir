func.func @sdpa_zero_head_dim(%q: tensor<1x8x128x0xf32>) -> tensor<1x8x128x0xf32> {
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x0xf32>, tensor<1x8x128x0xf32>, tensor<1x8x128x0xf32> -> tensor<1x8x128x0xf32>
  return %o : tensor<1x8x128x0xf32>
}
