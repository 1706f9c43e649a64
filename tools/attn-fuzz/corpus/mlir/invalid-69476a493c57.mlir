func.func @sdpa_mask_rank(%q: tensor<1x8x128x64xf32>, %m: tensor<1x1x8x128x128xi1>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<1x1x8x128x128xi1>) : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
