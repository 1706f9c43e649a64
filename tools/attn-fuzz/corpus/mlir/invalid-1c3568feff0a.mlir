func.func @mha_overflow(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(4611686018427387904) num_kv_heads(4611686018427387904) head_dim(2)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}
