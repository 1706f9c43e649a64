attn.weight @w = dense<1.0> : tensor<4x4xf32>
func.func @untouched(%q: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<4x4xf32>, f32) {
  %w = attn.weight_ref @w : tensor<4x4xf32>
  %c = arith.constant 2.0 : f32
  %c2 = arith.constant 2.0 : f32
  %s = arith.addf %c, %c2 : f32
  %o = attn.sdpa %q, %q, %q causal : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %o, %w, %s : tensor<1x2x4x4xf32>, tensor<4x4xf32>, f32
}
