func.func @mha_mask_type(%x: tensor<1x10x16xf16>, %w: tensor<16x16xf16>, %m: tensor<10x10xbf16>) -> tensor<1x10x16xf16> {
  %y = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<10x10xbf16>) -> tensor<1x10x16xf16>
  return %y : tensor<1x10x16xf16>
}
