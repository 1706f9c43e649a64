func.func @sdpa_query_rank(%q: tensor<8x128x64xf32>, %k: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
