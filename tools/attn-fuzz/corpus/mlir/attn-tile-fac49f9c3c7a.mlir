func.func @dynamic_additive(%q: tensor<2x8x?x32xf16>, %k: tensor<2x8x?x32xf16>,
                            %m: tensor<2x8x?x?xf16>) -> tensor<2x8x?x32xf16> {
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<2x8x?x?xf16>) scale = 0.25
      : tensor<2x8x?x32xf16>, tensor<2x8x?x32xf16>, tensor<2x8x?x32xf16> -> tensor<2x8x?x32xf16>
  return %o : tensor<2x8x?x32xf16>
}
