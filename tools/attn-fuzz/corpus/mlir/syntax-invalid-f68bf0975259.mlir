func.func @mha_no_weights(%x: tensor<1x8x16xf32>) {
  %0 = attn.mha %x num_heads(2) head_dim(8) : (tensor<1x8x16xf32>) -> tensor<1x8x16xf32>
  return
}
