func.func @residual_yield_type(%x: tensor<4xf32>, %z: tensor<8xf32>) -> tensor<4xf32> {
  %y = attn.residual %x : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    attn.yield %z : tensor<8xf32>
  }
  return %y : tensor<4xf32>
}
