func.func @mha_self_gqa(%x: tensor<2x10x16xf32>, %wq: tensor<16x16xf32>, %wkv: tensor<16x8xf32>,
                        %wo: tensor<16x12xf32>, %bq: tensor<16xf32>, %m: tensor<2x1x1x10xi1>) -> tensor<2x10x12xf32> {
  %y = attn.mha %x weights(%wq, %wkv, %wkv, %wo) bias_q(%bq) mask(%m)
      num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 0 scale = 0.5
      : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>,
         tensor<16x12xf32>, tensor<16xf32>, tensor<2x1x1x10xi1>) -> tensor<2x10x12xf32>
  return %y : tensor<2x10x12xf32>
}
