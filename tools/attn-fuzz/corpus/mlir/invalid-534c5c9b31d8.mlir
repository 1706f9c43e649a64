func.func @sdpa_static_mixed(%q: tensor<2x8x128x?xf32>, %k: tensor<?x8x128x32xf32>, %v: tensor<?x8x128x16xf32>) -> tensor<2x8x?x32xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<2x8x128x?xf32>, tensor<?x8x128x32xf32>, tensor<?x8x128x16xf32> -> tensor<2x8x?x32xf32>
  return %o : tensor<2x8x?x32xf32>
}
