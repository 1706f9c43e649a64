func.func @sdpa_result_shape(%q: tensor<1x8x128x64xf32>, %v: tensor<1x8x128x32xf32>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x32xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
