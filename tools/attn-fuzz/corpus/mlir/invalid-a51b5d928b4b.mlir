func.func @residual_gamma_rank(%x: tensor<2x4xf32>, %g: tensor<2x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %y = attn.residual %x norm(pre, %g, %b : tensor<2x4xf32>, tensor<4xf32>) : tensor<2x4xf32> {
  ^bb0(%h: tensor<2x4xf32>):
    attn.yield %h : tensor<2x4xf32>
  }
  return %y : tensor<2x4xf32>
}
