func.func @residual_post_dynamic(%x: tensor<2x?xf32>, %g: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<2x?xf32> {
  %y = attn.residual %x norm(post, %g, %b : tensor<?xf32>, tensor<?xf32>) {epsilon = 1.0e-3 : f32} : tensor<2x?xf32> {
  ^bb0(%h: tensor<2x?xf32>):
    attn.yield %h : tensor<2x?xf32>
  }
  return %y : tensor<2x?xf32>
}
