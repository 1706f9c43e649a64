func.func @mha_batch_and_seq_dynamic(%x: tensor<?x?x8xbf16>, %w: tensor<8x8xbf16>) -> tensor<?x?x8xbf16> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(4)
      : (tensor<?x?x8xbf16>, tensor<8x8xbf16>, tensor<8x8xbf16>, tensor<8x8xbf16>,
         tensor<8x8xbf16>) -> tensor<?x?x8xbf16>
  return %y : tensor<?x?x8xbf16>
}
