func.func @decode_gqa(%q: tensor<2x32x1x64xf32>, %k: tensor<2x8x?x64xf32>, %v: tensor<2x8x?x64xf32>) -> tensor<2x32x1x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<2x32x1x64xf32>, tensor<2x8x?x64xf32>, tensor<2x8x?x64xf32> -> tensor<2x32x1x64xf32>
  return %o : tensor<2x32x1x64xf32>
}
