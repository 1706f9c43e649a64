func.func @mha_mask_rank(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %m: tensor<1x1x1x10x10xi1>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<1x1x1x10x10xi1>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
