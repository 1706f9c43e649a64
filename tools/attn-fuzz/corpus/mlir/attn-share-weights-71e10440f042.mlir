attn.weight @sym = dense<[[1.0, 2.0], [2.0, 1.0]]> : tensor<2x2xf32>
attn.weight @v = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
func.func @square() -> (tensor<2x2xf32>, tensor<3x1xf32>) {
  %s = attn.weight_ref @sym : tensor<2x2xf32>
  %t = arith.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>
  return %s, %t : tensor<2x2xf32>, tensor<3x1xf32>
}
module @inner {
  attn.weight @v = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  attn.weight @v_copy = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
}
