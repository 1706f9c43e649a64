// sdpa B=3 D=3 Dv=3 Hkv=1 Skv=75 Sq=31 causal=True dyn=000100 et=bf16 group=2 mask=add mask_bcast=0011 mask_dyn1=False mask_rank=2 mask_static=False offset=33 scale=None
// sdpa B=3 D=4 Dv=1 Hkv=3 Skv=57 Sq=37 causal=False dyn=000000 et=f16 group=3 mask=none mask_bcast=1011 mask_dyn1=False mask_rank=1 mask_static=False offset=None scale=None
func.func @gen(
    %a0: tensor<3x2x?x3xbf16>,
    %a1: tensor<3x1x75x3xbf16>,
    %a2: tensor<3x1x75x3xbf16>,
    %a3: tensor<1x1xbf16>,
    %a4: tensor<3x9x37x4xf16>,
    %a5: tensor<3x3x57x4xf16>,
    %a6: tensor<3x3x57x1xf16>)
    -> (tensor<3x2x?x3xbf16>, tensor<3x9x37x1xf16>) {
  %r0 = attn.sdpa %a0, %a1, %a2 mask(%a3 : tensor<1x1xbf16>) causal offset = 33
      : tensor<3x2x?x3xbf16>, tensor<3x1x75x3xbf16>, tensor<3x1x75x3xbf16> -> tensor<3x2x?x3xbf16>
  %r4 = attn.sdpa %a4, %a5, %a6
      : tensor<3x9x37x4xf16>, tensor<3x3x57x4xf16>, tensor<3x3x57x1xf16> -> tensor<3x9x37x1xf16>
  return %r0, %r4 : tensor<3x2x?x3xbf16>, tensor<3x9x37x1xf16>
}

