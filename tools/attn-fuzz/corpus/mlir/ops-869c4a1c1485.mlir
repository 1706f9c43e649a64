func.func @sdpa_gqa_causal_mask(%q: tensor<2x8x77x80xbf16>, %k: tensor<2x2x90x80xbf16>,
                                %v: tensor<2x2x90x48xbf16>, %m: tensor<2x1x1x90xi1>)
    -> tensor<2x8x77x48xbf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x90xi1>) causal scale = 0.125
      : tensor<2x8x77x80xbf16>, tensor<2x2x90x80xbf16>, tensor<2x2x90x48xbf16> -> tensor<2x8x77x48xbf16>
  return %o : tensor<2x8x77x48xbf16>
}
