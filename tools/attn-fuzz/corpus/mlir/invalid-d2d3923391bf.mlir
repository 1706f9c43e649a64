func.func @residual_norm_without_gamma(%x: tensor<4xf32>) -> tensor<4xf32> {
  %y = "attn.residual"(%x) <{norm = #attn.norm<pre>, operandSegmentSizes = array<i32: 1, 0, 0>}> ({
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}
