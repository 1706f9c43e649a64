func.func @mha_cross_f16_dynamic(%x: tensor<1x?x16xf16>, %enc: tensor<1x?x24xf16>,
                                 %wq: tensor<16x16xf16>, %wk: tensor<24x16xf16>, %wv: tensor<24x16xf16>,
                                 %wo: tensor<16x12xf16>, %bv: tensor<16xf16>) -> tensor<1x?x12xf16> {
  %y = attn.mha %x kv(%enc) weights(%wq, %wk, %wv, %wo) bias_v(%bv)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x?x16xf16>, tensor<1x?x24xf16>, tensor<16x16xf16>, tensor<24x16xf16>,
         tensor<24x16xf16>, tensor<16x12xf16>, tensor<16xf16>) -> tensor<1x?x12xf16>
  return %y : tensor<1x?x12xf16>
}
