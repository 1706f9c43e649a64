attn.weight @sparse = sparse<[[0]], [1.0]> : tensor<4xf32>
