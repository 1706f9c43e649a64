// Input of aot-target.test: @f_target clashes with the target query of @f.
func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> {
  %r = call @f_target(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
func.func private @f_target(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
