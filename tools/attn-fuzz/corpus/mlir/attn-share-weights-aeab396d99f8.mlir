attn.weight @zero = dense<0.0> : tensor<4xf32>
attn.weight @zero_blob = dense_resource<zero_blob> : tensor<4xf32>
attn.weight @negative_zero = dense_resource<negative_zero> : tensor<4xf32>
attn.weight @one = dense<1.0> : tensor<4xf32>
attn.weight @one_blob = dense_resource<one_blob> : tensor<4xf32>
attn.weight @one_f16 = dense<1.0> : tensor<4xf16>
attn.weight @one_2x2 = dense<1.0> : tensor<2x2xf32>
attn.weight @h0 = dense_resource<h0> : tensor<4xf16>
attn.weight @h1 = dense_resource<h1> : tensor<4xf16>
attn.weight @b0 = dense_resource<b0> : tensor<4xbf16>
attn.weight @b1 = dense_resource<b1> : tensor<4xbf16>
func.func @splats() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<2x2xf32>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>, tensor<4xbf16>) {
  %0 = attn.weight_ref @zero : tensor<4xf32>
  %1 = attn.weight_ref @zero_blob : tensor<4xf32>
  %2 = attn.weight_ref @negative_zero : tensor<4xf32>
  %3 = attn.weight_ref @one : tensor<4xf32>
  %4 = attn.weight_ref @one_blob : tensor<4xf32>
  %5 = attn.weight_ref @one_f16 : tensor<4xf16>
  %6 = attn.weight_ref @one_2x2 : tensor<2x2xf32>
  %7 = attn.weight_ref @h0 : tensor<4xf16>
  %8 = attn.weight_ref @h1 : tensor<4xf16>
  %9 = attn.weight_ref @b0 : tensor<4xbf16>
  %10 = attn.weight_ref @b1 : tensor<4xbf16>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<2x2xf32>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>, tensor<4xbf16>
}
{-#
  dialect_resources: {
    builtin: {
      zero_blob: "0x0400000000000000000000000000000000000000",
      negative_zero: "0x0400000000000080000000800000008000000080",
      one_blob: "0x040000000000803F0000803F0000803F0000803F",
      h0: "0x02000000003C004000420044",
      h1: "0x02000000003C004000420044",
      b0: "0x02000000003C004000420044",
      b1: "0x02000000003C004000420044"
    }
  }
#-}
