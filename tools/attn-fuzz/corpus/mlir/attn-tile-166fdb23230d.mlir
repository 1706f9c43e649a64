func.func @gqa_causal_mask(%q: tensor<1x4x77x64xf32>, %k: tensor<1x2x90x64xf32>,
                           %v: tensor<1x2x90x64xf32>, %m: tensor<1x1x1x90xi1>)
    -> tensor<1x4x77x64xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x90xi1>) causal
      : tensor<1x4x77x64xf32>, tensor<1x2x90x64xf32>, tensor<1x2x90x64xf32> -> tensor<1x4x77x64xf32>
  return %o : tensor<1x4x77x64xf32>
}
