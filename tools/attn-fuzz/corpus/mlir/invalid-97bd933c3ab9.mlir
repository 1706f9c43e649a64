func.func @online_query_rank(%q: tensor<1x64x64xf32>, %k: tensor<64x64xf32>, %acc: tensor<64x64xf32>, %m: tensor<64xf32>) {
  %a, %mx, %l = attn.online_attention %q, %k, %k into(%acc, %m, %m) scale = 1.0
      : tensor<1x64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32> -> tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>
  return
}
