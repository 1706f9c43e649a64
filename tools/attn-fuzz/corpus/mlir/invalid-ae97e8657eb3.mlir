func.func @yield_outside(%x: tensor<4xf32>) {
  attn.yield %x : tensor<4xf32>
}
