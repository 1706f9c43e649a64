func.func @online_scale(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>) {
  %a, %mx, %l = attn.online_attention %q, %q, %q into(%acc, %m, %m) scale = 0.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
