func.func @weight_in_func() {
  attn.weight @w = dense<1.0> : tensor<4xf32>
  return
}
