func.func @mha_dynamic_weights(%x: tensor<2x3x8xf32>, %w: tensor<?x?xf32>) -> tensor<2x3x?xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(4)
      : (tensor<2x3x8xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>,
         tensor<?x?xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}
