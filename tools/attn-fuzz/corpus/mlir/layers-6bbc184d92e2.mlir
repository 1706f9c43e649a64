func.func @shared_weights(%x: tensor<1x5x4xf32>, %wk: tensor<4x4xf32>,
    %wv: tensor<4x4xf32>, %wo: tensor<4x4xf32>) -> tensor<1x5x4xf32> {
  %wq = attn.weight_ref @shared.wq : tensor<4x4xf32>
  %wq2 = attn.weight_ref @shared.wq : tensor<4x4xf32>
  %a = attn.mha %x weights(%wq, %wk, %wv, %wo)
      num_heads(2) num_kv_heads(2) head_dim(2)
      : (tensor<1x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x5x4xf32>
  %b = attn.mha %a weights(%wq2, %wk, %wv, %wq2)
      num_heads(1) num_kv_heads(1) head_dim(4)
      : (tensor<1x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x5x4xf32>
  return %b : tensor<1x5x4xf32>
}
