attn.weight @short = dense_resource<short> : tensor<4xf32>
{-#
  dialect_resources: {
    builtin: {
      short: "0x040000000000803F0000803F"
    }
  }
#-}
