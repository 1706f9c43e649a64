func.func @causal_mha(%x: tensor<1x9x16xf32>, %wq: tensor<16x16xf32>,
    %wk: tensor<16x4xf32>, %wv: tensor<16x4xf32>, %wo: tensor<16x16xf32>)
    -> tensor<1x9x16xf32> {
  %y = attn.mha %x weights(%wq, %wk, %wv, %wo)
      num_heads(4) num_kv_heads(1) head_dim(4) causal scale = 1.250000e-01
      : (tensor<1x9x16xf32>, tensor<16x16xf32>, tensor<16x4xf32>,
         tensor<16x4xf32>, tensor<16x16xf32>) -> tensor<1x9x16xf32>
  return %y : tensor<1x9x16xf32>
}
