func.func @cross_attention(%y: tensor<2x5x16xf32>, %enc: tensor<2x9x12xf32>,
    %wq: tensor<16x24xf32>, %wk: tensor<12x24xf32>, %wv: tensor<12x24xf32>,
    %wo: tensor<24x20xf32>, %bo: tensor<20xf32>) -> tensor<2x5x20xf32> {
  %o = attn.mha %y kv(%enc) weights(%wq, %wk, %wv, %wo) bias_o(%bo)
      num_heads(3) num_kv_heads(3) head_dim(8)
      : (tensor<2x5x16xf32>, tensor<2x9x12xf32>, tensor<16x24xf32>,
         tensor<12x24xf32>, tensor<12x24xf32>, tensor<24x20xf32>,
         tensor<20xf32>) -> tensor<2x5x20xf32>
  return %o : tensor<2x5x20xf32>
}
