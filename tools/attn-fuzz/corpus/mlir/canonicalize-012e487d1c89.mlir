func.func @zero_additive_mask(%q: tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xf16> {
  %m = arith.constant dense<0.0> : tensor<1x1x8x8xf32>
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<1x1x8x8xf32>) : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xf16>
  return %o : tensor<1x2x8x16xf16>
}
