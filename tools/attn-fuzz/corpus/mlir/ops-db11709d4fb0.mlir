func.func @sdpa_mqa_offset_additive(%q: tensor<1x4x16x32xf16>, %k: tensor<1x1x16x32xf16>,
                                    %v: tensor<1x1x16x32xf16>, %m: tensor<16x16xf32>)
    -> tensor<1x4x16x32xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<16x16xf32>) causal offset = 0
      : tensor<1x4x16x32xf16>, tensor<1x1x16x32xf16>, tensor<1x1x16x32xf16> -> tensor<1x4x16x32xf16>
  return %o : tensor<1x4x16x32xf16>
}
