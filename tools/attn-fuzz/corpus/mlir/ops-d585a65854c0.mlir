func.func @online_attention(%q: tensor<?x64xbf16>, %kt: tensor<64x?xbf16>, %v: tensor<?x32xbf16>,
                            %mask: tensor<1x?xi1>, %acc: tensor<?x32xf32>, %m: tensor<?xf32>,
                            %l: tensor<?xf32>, %shift: index)
    -> (tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>) {
  %a, %mx, %s = attn.online_attention %q, %kt, %v mask(%mask : tensor<1x?xi1>) into(%acc, %m, %l)
      causal_shift(%shift) key_transposed scale = 0.125
      : tensor<?x64xbf16>, tensor<64x?xbf16>, tensor<?x32xbf16> -> tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
  return %a, %mx, %s : tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
}
