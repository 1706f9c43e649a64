func.func @online_state_shape(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<8xf32>, %l: tensor<16xf32>) {
  %a, %mx, %s = attn.online_attention %q, %q, %q into(%acc, %m, %l) scale = 1.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<8xf32>, tensor<16xf32>
  return
}
