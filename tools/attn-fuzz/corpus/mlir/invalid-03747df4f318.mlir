func.func @online_key_layout(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>, %acc: tensor<16x8xf32>, %m: tensor<16xf32>) {
  %a, %mx, %l = attn.online_attention %q, %k, %v into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32> -> tensor<16x8xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
