func.func @mha_cross(%x: tensor<1x?x16xf16>, %enc: tensor<1x?x24xf16>,
                     %wq: tensor<16x16xf16>, %wk: tensor<24x16xf16>, %wv: tensor<24x16xf16>,
                     %wo: tensor<16x12xf16>, %bk: tensor<16xf16>, %bv: tensor<16xf16>,
                     %m: tensor<1x1x1x?xi1>) -> tensor<1x?x12xf16> {
  %y = attn.mha %x kv(%enc) weights(%wq, %wk, %wv, %wo) bias_k(%bk) bias_v(%bv) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x?x16xf16>, tensor<1x?x24xf16>, tensor<16x16xf16>, tensor<24x16xf16>,
         tensor<24x16xf16>, tensor<16x12xf16>, tensor<16xf16>, tensor<16xf16>,
         tensor<1x1x1x?xi1>) -> tensor<1x?x12xf16>
  return %y : tensor<1x?x12xf16>
}
