func.func @residual_block_args(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = attn.residual %x : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>, %h2: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}
