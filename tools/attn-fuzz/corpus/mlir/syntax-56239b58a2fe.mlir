func.func @mha_cross(%x: tensor<1x6x16xf32>, %enc: tensor<1x10x12xf32>,
                     %wq: tensor<16x16xf32>, %wkv: tensor<12x8xf32>, %wo: tensor<16x16xf32>,
                     %b16: tensor<16xf32>, %b8: tensor<8xf32>, %m: tensor<1x1x6x10xf32>) {
  %0 = attn.mha %x offset = 2 bias_o(%b16) bias_v(%b8) causal bias_k(%b8) bias_q(%b16)
      mask(%m : tensor<1x1x6x10xf32>) head_dim(4) num_kv_heads(2) num_heads(4)
      weights(%wq, %wkv, %wkv, %wo) kv(%enc)
      : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>,
         tensor<12x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<16xf32>) -> tensor<1x6x16xf32>
  return
}
