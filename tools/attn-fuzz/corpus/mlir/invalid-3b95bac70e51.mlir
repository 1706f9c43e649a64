func.func @residual_epsilon(%x: tensor<4xf32>, %g: tensor<4xf32>) -> tensor<4xf32> {
  %y = attn.residual %x norm(post, %g, %g : tensor<4xf32>, tensor<4xf32>) {epsilon = -1.0 : f32} : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}
