attn.weight @w = dense<1> : tensor<4xi32>
