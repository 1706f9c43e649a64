func.func @mha_zero_bias(%x: tensor<1x4x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x4x16xf32> {
  %z = arith.constant dense<0.0> : tensor<16xf32>
  %one = arith.constant dense<1.0> : tensor<16xf32>
  %m = arith.constant dense<true> : tensor<1x1x1x4xi1>
  %y = attn.mha %x weights(%w, %w, %w, %w) bias_q(%z) bias_k(%z) bias_v(%z) bias_o(%one) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x4x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<1x1x1x4xi1>) -> tensor<1x4x16xf32>
  return %y : tensor<1x4x16xf32>
}
