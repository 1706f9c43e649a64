func.func @bool_full(%q: tensor<2x4x8x16xf32>, %k: tensor<2x4x8x16xf32>,
                     %v: tensor<2x4x8x16xf32>, %m: tensor<2x4x8x8xi1>)
    -> tensor<2x4x8x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x4x8x8xi1>)
      : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>
      -> tensor<2x4x8x16xf32>
  return %o : tensor<2x4x8x16xf32>
}
