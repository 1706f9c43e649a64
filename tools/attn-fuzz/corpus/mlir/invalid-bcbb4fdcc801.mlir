func.func @sdpa_mask_broadcast(%q: tensor<2x8x128x64xf32>, %k: tensor<2x8x100x64xf32>, %m: tensor<2x1x1x128xi1>) -> tensor<2x8x128x64xf32> {
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<2x1x1x128xi1>) : tensor<2x8x128x64xf32>, tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}
