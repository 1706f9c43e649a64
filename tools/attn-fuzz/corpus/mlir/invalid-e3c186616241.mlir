func.func @residual_bad_norm(%x: tensor<4xf32>, %g: tensor<4xf32>) -> tensor<4xf32> {
  %y = attn.residual %x norm(mid, %g, %g : tensor<4xf32>, tensor<4xf32>) : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}
