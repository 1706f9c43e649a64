func.func @additive_rank2(%q: tensor<2x2x3x8xf32>, %k: tensor<2x2x5x8xf32>,
                          %v: tensor<2x2x5x8xf32>, %m: tensor<3x5xf32>)
    -> tensor<2x2x3x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<3x5xf32>)
      : tensor<2x2x3x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32>
      -> tensor<2x2x3x8xf32>
  return %o : tensor<2x2x3x8xf32>
}
