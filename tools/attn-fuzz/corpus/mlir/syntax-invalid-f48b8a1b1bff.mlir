func.func @twice(%q: tensor<1x2x8x16xf32>) {
  %0 = attn.sdpa %q, %q, %q causal scale = 0.5 causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}
