func.func @residual_type(%x: tensor<4xi32>) -> tensor<4xi32> {
  %y = attn.residual %x : tensor<4xi32> {
  ^bb0(%h: tensor<4xi32>):
    attn.yield %h : tensor<4xi32>
  }
  return %y : tensor<4xi32>
}
