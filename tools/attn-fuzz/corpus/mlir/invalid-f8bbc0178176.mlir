func.func @mha_kv_batch(%x: tensor<1x10x16xf32>, %e: tensor<2x20x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<2x20x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
