func.func @mha_empty_name(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha name "" %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
