func.func @online_mixed(%q: tensor<16x64xf16>, %k: tensor<32x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>) {
  %a, %mx, %l = attn.online_attention %q, %k, %k into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf16>, tensor<32x64xf32>, tensor<32x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
