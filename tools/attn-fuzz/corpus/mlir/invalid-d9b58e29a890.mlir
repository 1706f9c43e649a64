func.func @sdpa_key_batch(%q: tensor<2x8x128x64xf32>, %k: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<2x8x128x64xf32>, tensor<3x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}
