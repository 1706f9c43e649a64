func.func @mha_wv_cols(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wk: tensor<16x8xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x weights(%w, %wk, %w, %w) num_heads(2) num_kv_heads(1) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
