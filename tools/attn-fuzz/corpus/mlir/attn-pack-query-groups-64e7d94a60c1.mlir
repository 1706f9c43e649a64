func.func @left_alone(%q2: tensor<1x4x2x8xf32>, %q1: tensor<1x4x1x8xf32>, %k: tensor<1x2x50x8xf32>,
                      %k4: tensor<1x4x50x8xf32>, %md: tensor<1x4x?x50xf32>, %kd: tensor<1x2x?x8xf32>)
    -> (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>) {
  %a = attn.sdpa %q2, %k, %k : tensor<1x4x2x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x2x8xf32>
  %b = attn.sdpa %q1, %k4, %k4 : tensor<1x4x1x8xf32>, tensor<1x4x50x8xf32>, tensor<1x4x50x8xf32> -> tensor<1x4x1x8xf32>
  %c = attn.sdpa %q1, %k, %k causal offset = 10 : tensor<1x4x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x1x8xf32>
  %d = attn.sdpa %q1, %k, %k mask(%md : tensor<1x4x?x50xf32>) : tensor<1x4x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x1x8xf32>
  %e = attn.sdpa %q1, %kd, %kd causal offset = 1000 : tensor<1x4x1x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32> -> tensor<1x4x1x8xf32>
  return %a, %b, %c, %d, %e : tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>
}
