// sdpa B=2 D=7 Dv=24 Hkv=1 Skv=18 Sq=6 causal=False dyn=000000 et=f16 group=1 mask=none mask_bcast=0111 mask_dyn1=False mask_rank=3 mask_static=False offset=None scale=None
// sdpa B=1 D=64 Dv=64 Hkv=3 Skv=15 Sq=25 causal=False dyn=000101 et=bf16 group=3 mask=none mask_bcast=1001 mask_dyn1=False mask_rank=3 mask_static=True offset=None scale=None
func.func @gen(
    %a0: tensor<2x1x6x7xf16>,
    %a1: tensor<2x1x18x7xf16>,
    %a2: tensor<2x1x18x24xf16>,
    %a3: tensor<1x9x?x?xbf16>,
    %a4: tensor<1x3x15x?xbf16>,
    %a5: tensor<1x3x15x?xbf16>)
    -> (tensor<2x1x6x24xf16>, tensor<1x9x?x?xbf16>) {
  %r0 = attn.sdpa %a0, %a1, %a2
      : tensor<2x1x6x7xf16>, tensor<2x1x18x7xf16>, tensor<2x1x18x24xf16> -> tensor<2x1x6x24xf16>
  %r3 = attn.sdpa %a3, %a4, %a5 scale = 1.250000e-01
      : tensor<1x9x?x?xbf16>, tensor<1x3x15x?xbf16>, tensor<1x3x15x?xbf16> -> tensor<1x9x?x?xbf16>
  return %r0, %r3 : tensor<2x1x6x24xf16>, tensor<1x9x?x?xbf16>
}

