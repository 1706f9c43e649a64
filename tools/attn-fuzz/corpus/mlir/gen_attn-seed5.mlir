// residual B=1 D=2 Hkv=1 M=4 Mkv=4 N=4 Skv=3 Sq=3 biases=0000 causal=True cross=False dyn=000000 et=f16 group=3 mask=add mask_bcast=1000 mask_dyn1=False mask_rank=1 mask_static=False norm=none offset=None scale=None
// sdpa B=1 D=8 Dv=8 Hkv=1 Skv=50 Sq=13 causal=True dyn=000000 et=f16 group=1 mask=add mask_bcast=0101 mask_dyn1=False mask_rank=1 mask_static=False offset=None scale=None
func.func @gen(
    %a0: tensor<1x3x4xf16>,
    %a1: tensor<4x6xf16>,
    %a2: tensor<4x2xf16>,
    %a3: tensor<4x2xf16>,
    %a4: tensor<6x4xf16>,
    %a5: tensor<3xf16>,
    %a6: tensor<1x1x13x8xf16>,
    %a7: tensor<1x1x50x8xf16>,
    %a8: tensor<1x1x50x8xf16>,
    %a9: tensor<1xf16>)
    -> (tensor<1x3x4xf16>, tensor<1x1x13x8xf16>) {
  %r0 = attn.residual %a0 : tensor<1x3x4xf16> {
  ^bb0(%h0: tensor<1x3x4xf16>):
  %y0 = attn.mha %h0 weights(%a1, %a2, %a3, %a4) mask(%a5 : tensor<3xf16>) num_heads(3) num_kv_heads(1) head_dim(2) causal
      : (tensor<1x3x4xf16>, tensor<4x6xf16>, tensor<4x2xf16>, tensor<4x2xf16>, tensor<6x4xf16>) -> tensor<1x3x4xf16>
  attn.yield %y0 : tensor<1x3x4xf16>
  }
  %r6 = attn.sdpa %a6, %a7, %a8 mask(%a9 : tensor<1xf16>) causal
      : tensor<1x1x13x8xf16>, tensor<1x1x50x8xf16>, tensor<1x1x50x8xf16> -> tensor<1x1x13x8xf16>
  return %r0, %r6 : tensor<1x3x4xf16>, tensor<1x1x13x8xf16>
}

