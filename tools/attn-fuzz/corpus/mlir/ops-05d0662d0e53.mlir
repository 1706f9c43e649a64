func.func @mha_self(%x: tensor<2x10x16xf32>, %b: tensor<16xf32>) -> tensor<2x10x16xf32> {
  %w = attn.weight_ref @shared : tensor<16x16xf32>
  %wkv = arith.constant dense<0.25> : tensor<16x8xf32>
  %y = attn.mha name "layer0" %x weights(%w, %wkv, %wkv, %w) bias_q(%b) bias_o(%b)
      num_heads(4) num_kv_heads(2) head_dim(4) causal scale = 0.5
      : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x10x16xf32>
  return %y : tensor<2x10x16xf32>
}
