func.func @packed_heads(%q: tensor<1x1x32x64xf32>, %k: tensor<1x1x4096x64xf32>) -> tensor<1x1x32x64xf32> {
  %o = attn.sdpa %q, %k, %k {attn.packed_query_heads = 32 : i64} : tensor<1x1x32x64xf32>, tensor<1x1x4096x64xf32>, tensor<1x1x4096x64xf32> -> tensor<1x1x32x64xf32>
  return %o : tensor<1x1x32x64xf32>
}
func.func @unmarked(%q: tensor<1x1x32x64xf32>, %k: tensor<1x1x4096x64xf32>) -> tensor<1x1x32x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x1x32x64xf32>, tensor<1x1x4096x64xf32>, tensor<1x1x4096x64xf32> -> tensor<1x1x32x64xf32>
  return %o : tensor<1x1x32x64xf32>
}
