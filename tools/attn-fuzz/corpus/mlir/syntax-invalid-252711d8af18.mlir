func.func @unknown_clause(%q: tensor<1x2x8x16xf32>) {
  %0 = attn.sdpa %q, %q, %q causl
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}
