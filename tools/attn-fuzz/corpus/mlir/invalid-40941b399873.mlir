func.func @sdpa_result_rank(%q: tensor<1x8x128x64xf32>) -> tensor<8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<8x128x64xf32>
  return %o : tensor<8x128x64xf32>
}
