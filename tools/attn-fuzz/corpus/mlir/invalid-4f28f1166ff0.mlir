attn.weight @w = dense<1.0> : vector<4xf32>
