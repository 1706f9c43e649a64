func.func @mha_twice(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>) {
  %0 = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) head_dim(8) num_heads(2)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}
