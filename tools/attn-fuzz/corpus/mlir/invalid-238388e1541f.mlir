func.func @online_mask_type(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>, %mask: tensor<16x16xi8>) {
  %a, %mx, %l = attn.online_attention %q, %q, %q mask(%mask : tensor<16x16xi8>) into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
