attn.weight @half = dense<1.0> : tensor<16xf16>
