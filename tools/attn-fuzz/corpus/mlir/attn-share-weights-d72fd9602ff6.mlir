attn.weight @w = dense_resource<w> : tensor<2x4xf32>
func.func @constants() -> (tensor<2x4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>) {
  %w = attn.weight_ref @w : tensor<2x4xf32>
  %c = arith.constant dense_resource<c0> : tensor<4xf32>
  %d = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %s = arith.constant dense<1.0> : tensor<2x4xf32>
  %u = arith.constant dense_resource<unique> : tensor<4xf32>
  %r = arith.constant dense_resource<w_copy> : tensor<2x4xf32>
  return %w, %c, %d, %s, %u, %r : tensor<2x4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>
}
func.func @more_constants() -> (tensor<4xf32>, tensor<2xf32>) {
  %c = arith.constant dense_resource<c1> : tensor<4xf32>
  %d = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %c, %d : tensor<4xf32>, tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      w_copy: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      c0: "0x040000000000803F0000803F0000803F00004040",
      c1: "0x040000000000803F0000803F0000803F00004040",
      unique: "0x0400000000000000000000000000000000000000"
    }
  }
#-}
