func.func @decode(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x300x64xf32>) -> tensor<1x8x1x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x8x1x64xf32>, tensor<1x8x300x64xf32>, tensor<1x8x300x64xf32> -> tensor<1x8x1x64xf32>
  return %o : tensor<1x8x1x64xf32>
}
