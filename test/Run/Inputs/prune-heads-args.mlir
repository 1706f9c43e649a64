// Cross-attention with grouped-query heads (4 query heads, 2 KV heads of
// head_dim 4), Q and K biases, a per-head keep-mask and the causal rule,
// every weight a function argument: attn-prune-heads slices them in the IR
// (prune-heads.test).
func.func @cross(%x: tensor<2x6x16xf32>, %kv: tensor<2x9x12xf32>,
                 %wq: tensor<16x16xf32>, %wk: tensor<12x8xf32>, %wv: tensor<12x8xf32>,
                 %wo: tensor<16x20xf32>, %bq: tensor<16xf32>, %bk: tensor<8xf32>,
                 %m: tensor<2x4x6x9xi1>) -> tensor<2x6x20xf32> {
  %y = attn.mha name "cross" %x kv(%kv) weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_k(%bk)
      mask(%m : tensor<2x4x6x9xi1>) num_heads(4) num_kv_heads(2) head_dim(4) causal
      : (tensor<2x6x16xf32>, tensor<2x9x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>,
         tensor<12x8xf32>, tensor<16x20xf32>, tensor<16xf32>, tensor<8xf32>)
      -> tensor<2x6x20xf32>
  return %y : tensor<2x6x20xf32>
}
