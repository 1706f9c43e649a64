func.func @all_true_mask(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %m = arith.constant dense<true> : tensor<8x8xi1>
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<8x8xi1>) causal : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
