func.func @mha_input_type(%x: tensor<1x10x16xf64>, %w: tensor<16x16xf64>) -> tensor<1x10x16xf64> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>) -> tensor<1x10x16xf64>
  return %y : tensor<1x10x16xf64>
}
