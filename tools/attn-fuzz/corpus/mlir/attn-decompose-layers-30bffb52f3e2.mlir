func.func @residual_plain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %y = attn.residual %x : tensor<4x8xf32> {
  ^bb0(%h: tensor<4x8xf32>):
    %t = math.tanh %h : tensor<4x8xf32>
    attn.yield %t : tensor<4x8xf32>
  }
  return %y : tensor<4x8xf32>
}
