func.func @mha_grouping(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wkv: tensor<16x12xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x weights(%w, %wkv, %wkv, %w) num_heads(4) num_kv_heads(3) head_dim(4)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x12xf32>, tensor<16x12xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
