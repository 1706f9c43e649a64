func.func @dyn_seq(%q: tensor<1x4x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                   %v: tensor<1x2x?x16xf32>) -> tensor<1x4x?x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x4x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>
      -> tensor<1x4x?x16xf32>
  return %o : tensor<1x4x?x16xf32>
}

func.func @dyn_causal(%q: tensor<2x2x?x8xf32>, %k: tensor<2x2x?x8xf32>,
                      %v: tensor<2x2x?x8xf32>) -> tensor<2x2x?x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<2x2x?x8xf32>, tensor<2x2x?x8xf32>, tensor<2x2x?x8xf32>
      -> tensor<2x2x?x8xf32>
  return %o : tensor<2x2x?x8xf32>
}

func.func @dyn_batch(%q: tensor<?x4x?x16xf32>, %k: tensor<?x2x?x16xf32>,
                     %v: tensor<?x2x?x16xf32>, %pad: tensor<?x1x1x?xi1>)
    -> tensor<?x4x?x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<?x1x1x?xi1>) causal
      : tensor<?x4x?x16xf32>, tensor<?x2x?x16xf32>, tensor<?x2x?x16xf32>
      -> tensor<?x4x?x16xf32>
  return %o : tensor<?x4x?x16xf32>
}
