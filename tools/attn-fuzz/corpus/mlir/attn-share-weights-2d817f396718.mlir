attn.weight @l0.wq = dense_resource<l0_wq> : tensor<2x4xf32>
attn.weight @l1.wq = dense_resource<l1_wq> : tensor<2x4xf32>
attn.weight @one_element_different = dense_resource<one_element_different> : tensor<2x4xf32>
attn.weight @same_bytes_f16 = dense_resource<same_bytes_f16> : tensor<2x8xf16>
attn.weight @same_bytes_bf16 = dense_resource<same_bytes_bf16> : tensor<2x8xbf16>
attn.weight @same_values_4x2 = dense_resource<same_values_4x2> : tensor<4x2xf32>
attn.weight @same_values_8 = dense_resource<same_values_8> : tensor<8xf32>
attn.weight @l2.wq = dense_resource<l2_wq> : tensor<2x4xf32>
func.func @layers() -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %a = attn.weight_ref @l0.wq : tensor<2x4xf32>
  %b = attn.weight_ref @l1.wq : tensor<2x4xf32>
  %c = attn.weight_ref @l2.wq : tensor<2x4xf32>
  %d = attn.weight_ref @one_element_different : tensor<2x4xf32>
  return %a, %b, %c, %d : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
func.func @near_misses() -> (tensor<2x8xf16>, tensor<2x8xbf16>, tensor<4x2xf32>, tensor<8xf32>) {
  %a = attn.weight_ref @same_bytes_f16 : tensor<2x8xf16>
  %b = attn.weight_ref @same_bytes_bf16 : tensor<2x8xbf16>
  %c = attn.weight_ref @same_values_4x2 : tensor<4x2xf32>
  %d = attn.weight_ref @same_values_8 : tensor<8xf32>
  return %a, %b, %c, %d : tensor<2x8xf16>, tensor<2x8xbf16>, tensor<4x2xf32>, tensor<8xf32>
}
func.func @other_function() -> tensor<2x4xf32> {
  %a = attn.weight_ref @l1.wq : tensor<2x4xf32>
  return %a : tensor<2x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      l0_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      l1_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      one_element_different: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000001041",
      same_bytes_f16: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_bytes_bf16: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_values_4x2: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_values_8: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      l2_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041"
    }
  }
#-}
