func.func @residual_rank0(%x: tensor<f32>) -> tensor<f32> {
  %y = attn.residual %x : tensor<f32> {
  ^bb0(%h: tensor<f32>):
    attn.yield %h : tensor<f32>
  }
  return %y : tensor<f32>
}
