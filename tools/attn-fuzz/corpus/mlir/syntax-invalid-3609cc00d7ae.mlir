func.func @mha_no_heads(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>) {
  %0 = attn.mha %x weights(%w, %w, %w, %w) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}
