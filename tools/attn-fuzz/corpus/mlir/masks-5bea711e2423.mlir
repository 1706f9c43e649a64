func.func @causal_and_padding(%q: tensor<1x2x6x8xf32>,
                              %k: tensor<1x2x6x8xf32>,
                              %v: tensor<1x2x6x8xf32>)
    -> tensor<1x2x6x8xf32> {
  %pad = arith.constant dense<[[[[false, false, true, true, true, true]]]]>
      : tensor<1x1x1x6xi1>
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<1x1x1x6xi1>) causal
      : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}
