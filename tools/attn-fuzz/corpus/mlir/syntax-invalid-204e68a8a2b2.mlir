func.func @sdpa_untyped_mask(%q: tensor<1x2x8x16xf32>, %m: tensor<1x1x1x8xi1>) {
  %0 = attn.sdpa %q, %q, %q mask(%m)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}
