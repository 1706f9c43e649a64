func.func @online_value_rows(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<31x8xf32>, %acc: tensor<16x8xf32>, %m: tensor<16xf32>) {
  %a, %mx, %l = attn.online_attention %q, %k, %v into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf32>, tensor<32x64xf32>, tensor<31x8xf32> -> tensor<16x8xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
