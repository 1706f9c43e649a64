func.func @online_acc_type(%q: tensor<16x64xf16>, %acc: tensor<16x64xf16>, %m: tensor<16xf32>) {
  %a, %mx, %l = attn.online_attention %q, %q, %q into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf16>, tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x64xf16>, tensor<16xf32>, tensor<16xf32>
  return
}
