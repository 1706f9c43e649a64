func.func @finfo_min(%q: tensor<1x4x4x32xf32>, %k: tensor<1x2x70x32xf32>,
                     %v: tensor<1x2x70x32xf32>, %m: tensor<4x70xf32>)
    -> tensor<1x4x4x32xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<4x70xf32>)
      : tensor<1x4x4x32xf32>, tensor<1x2x70x32xf32>, tensor<1x2x70x32xf32>
      -> tensor<1x4x4x32xf32>
  return %o : tensor<1x4x4x32xf32>
}
