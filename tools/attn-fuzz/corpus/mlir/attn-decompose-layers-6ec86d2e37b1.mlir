func.func @residual_pre_bf16(%x: tensor<4x8xbf16>, %g: tensor<8xbf16>, %b: tensor<8xbf16>) -> tensor<4x8xbf16> {
  %y = attn.residual %x norm(pre, %g, %b : tensor<8xbf16>, tensor<8xbf16>) : tensor<4x8xbf16> {
  ^bb0(%h: tensor<4x8xbf16>):
    %a = math.absf %h : tensor<4x8xbf16>
    attn.yield %a : tensor<4x8xbf16>
  }
  return %y : tensor<4x8xbf16>
}
