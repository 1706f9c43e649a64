func.func @sdpa_static_vs_dynamic_batch(%q: tensor<2x8x128x64xf32>, %k: tensor<?x8x128x64xf32>, %v: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<2x8x128x64xf32>, tensor<?x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}
