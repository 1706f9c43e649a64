func.func @broadcast_mask(%q: tensor<1x6x1x8xf32>, %k: tensor<1x2x50x8xf32>, %v: tensor<1x2x50x8xf32>,
                          %m: tensor<1x1x1x50xf32>, %m1: tensor<50xi1>, %m2: tensor<1x50xf32>)
    -> (tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>) {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x50xf32>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  %o1 = attn.sdpa %q, %k, %v mask(%m1 : tensor<50xi1>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  %o2 = attn.sdpa %q, %k, %v mask(%m2 : tensor<1x50xf32>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  return %o, %o1, %o2 : tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>
}
