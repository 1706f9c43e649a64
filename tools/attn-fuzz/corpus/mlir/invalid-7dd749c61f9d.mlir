func.func @mha_wo_rows(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wo: tensor<8x16xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %wo) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<8x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
