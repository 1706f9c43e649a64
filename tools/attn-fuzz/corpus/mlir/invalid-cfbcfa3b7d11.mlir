func.func @sdpa_int_query(%q: tensor<1x8x128x64xi32>) -> tensor<1x8x128x64xi32> {
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xi32>, tensor<1x8x128x64xi32>, tensor<1x8x128x64xi32> -> tensor<1x8x128x64xi32>
  return %o : tensor<1x8x128x64xi32>
}
