func.func @key_padding(%q: tensor<2x4x7x8xf32>, %k: tensor<2x2x11x8xf32>,
                       %v: tensor<2x2x11x8xf32>, %pad: tensor<2x1x1x11xi1>)
    -> tensor<2x4x7x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<2x1x1x11xi1>)
      : tensor<2x4x7x8xf32>, tensor<2x2x11x8xf32>, tensor<2x2x11x8xf32>
      -> tensor<2x4x7x8xf32>
  return %o : tensor<2x4x7x8xf32>
}
