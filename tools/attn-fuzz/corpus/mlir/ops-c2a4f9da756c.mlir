attn.weight @shared = dense<0.5> : tensor<16x16xf32>
