attn.weight @outer = dense<1.0> : tensor<4xf32>
module @inner {
  func.func @nested() -> tensor<4xf32> {
    %w = attn.weight_ref @outer : tensor<4xf32>
    return %w : tensor<4xf32>
  }
}
