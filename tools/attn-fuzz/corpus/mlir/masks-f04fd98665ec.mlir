func.func @bool_rows(%q: tensor<2x2x3x8xf32>, %k: tensor<2x2x4x8xf32>,
                     %v: tensor<2x2x4x8xf32>) -> tensor<2x2x3x8xf32> {
  %m = arith.constant dense<[[true, false, true, true],
                             [false, false, false, false],
                             [false, false, false, true]]> : tensor<3x4xi1>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<3x4xi1>)
      : tensor<2x2x3x8xf32>, tensor<2x2x4x8xf32>, tensor<2x2x4x8xf32>
      -> tensor<2x2x3x8xf32>
  return %o : tensor<2x2x3x8xf32>
}
