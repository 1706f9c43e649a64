func.func @self_attention(%x: tensor<2x7x16xf32>, %wq: tensor<16x16xf32>,
    %wk: tensor<16x8xf32>, %wv: tensor<16x8xf32>, %wo: tensor<16x16xf32>,
    %bq: tensor<16xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>,
    %bo: tensor<16xf32>, %pad: tensor<2x1x1x7xi1>) -> tensor<2x7x16xf32> {
  %y = attn.mha %x weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_k(%bk)
      bias_v(%bv) bias_o(%bo) mask(%pad)
      num_heads(4) num_kv_heads(2) head_dim(4)
      : (tensor<2x7x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>,
         tensor<16x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<8xf32>,
         tensor<8xf32>, tensor<16xf32>, tensor<2x1x1x7xi1>)
      -> tensor<2x7x16xf32>
  return %y : tensor<2x7x16xf32>
}
