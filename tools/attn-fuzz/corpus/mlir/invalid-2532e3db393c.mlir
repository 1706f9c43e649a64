func.func @sdpa_mask_f16_on_bf16(%q: tensor<1x8x128x64xbf16>, %m: tensor<128x128xf16>) -> tensor<1x8x128x64xbf16> {
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<128x128xf16>) : tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16> -> tensor<1x8x128x64xbf16>
  return %o : tensor<1x8x128x64xbf16>
}
