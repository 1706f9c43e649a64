func.func @mha_bias_size(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wo: tensor<16x12xf32>, %b: tensor<16xf32>) -> tensor<1x10x12xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %wo) bias_o(%b) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x12xf32>, tensor<16xf32>) -> tensor<1x10x12xf32>
  return %y : tensor<1x10x12xf32>
}
