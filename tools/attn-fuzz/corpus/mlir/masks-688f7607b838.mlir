func.func @neg_inf_rows(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                        %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %m = arith.constant dense<[[[
      [0.0, 0xFF800000, 1.0, 0.0, -1.0e9, 0.5],
      [0xFF800000, 0xFF800000, 0.0, 0xFF800000, 0xFF800000, 0xFF800000],
      [0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000],
      [-2.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000]]]]> : tensor<1x1x4x6xf32>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x4x6xf32>)
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}
