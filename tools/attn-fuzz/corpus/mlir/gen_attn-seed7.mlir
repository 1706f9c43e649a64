// sdpa B=2 D=33 Dv=33 Hkv=1 Skv=47 Sq=7 causal=False dyn=100010 et=f32 group=1 mask=add32 mask_bcast=0011 mask_dyn1=True mask_rank=1 mask_static=True offset=None scale=None
// sdpa B=1 D=33 Dv=33 Hkv=2 Skv=16 Sq=1 causal=False dyn=000000 et=bf16 group=3 mask=none mask_bcast=0100 mask_dyn1=False mask_rank=0 mask_static=False offset=None scale=None
func.func @gen(
    %a0: tensor<?x1x7x33xf32>,
    %a1: tensor<?x1x?x33xf32>,
    %a2: tensor<?x1x?x33xf32>,
    %a3: tensor<?xf32>,
    %a4: tensor<1x6x1x33xbf16>,
    %a5: tensor<1x2x16x33xbf16>,
    %a6: tensor<1x2x16x33xbf16>)
    -> (tensor<?x1x7x33xf32>, tensor<1x6x1x33xbf16>) {
  %r0 = attn.sdpa %a0, %a1, %a2 mask(%a3 : tensor<?xf32>)
      : tensor<?x1x7x33xf32>, tensor<?x1x?x33xf32>, tensor<?x1x?x33xf32> -> tensor<?x1x7x33xf32>
  %r4 = attn.sdpa %a4, %a5, %a6
      : tensor<1x6x1x33xbf16>, tensor<1x2x16x33xbf16>, tensor<1x2x16x33xbf16> -> tensor<1x6x1x33xbf16>
  return %r0, %r4 : tensor<?x1x7x33xf32>, tensor<1x6x1x33xbf16>
}

