func.func @mha_spellings(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>,
                         %b: tensor<16xf32>, %m: tensor<1x1x1x8xi1>) {
  %0 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  %1 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %2 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  %3 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %4 = attn.mha %x scale = 0.25 causal head_dim(8) num_heads(2) mask(%m : tensor<1x1x1x8xi1>)
      name "l0" bias_q(%b) weights(%w, %w, %w, %w)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %5 = attn.mha name "l0" %x num_kv_heads(2) head_dim(8) num_heads(2) mask(%m) causal
      weights(%w, %w, %w, %w) scale = 0.25 bias_q(%b)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  return
}
