func.func @sdpa_mask_type(%q: tensor<1x8x128x64xf32>, %m: tensor<128x128xi8>) -> tensor<1x8x128x64xf32> {
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<128x128xi8>) : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}
