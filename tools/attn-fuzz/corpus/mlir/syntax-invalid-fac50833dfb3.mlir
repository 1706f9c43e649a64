func.func @mha_type_count(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>, %m: tensor<1x1x1x8xi1>) {
  %0 = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}
