// sdpa B=1 D=1 Dv=1 Hkv=3 Skv=9 Sq=1 causal=False dyn=100000 et=f16 group=3 mask=i1 mask_bcast=0110 mask_dyn1=False mask_rank=0 mask_static=True offset=None scale=0.979
// sdpa B=3 D=17 Dv=17 Hkv=2 Skv=32 Sq=12 causal=False dyn=000000 et=f32 group=3 mask=add32 mask_bcast=0110 mask_dyn1=False mask_rank=2 mask_static=False offset=None scale=0.4924
func.func @gen(
    %a0: tensor<?x9x1x1xf16>,
    %a1: tensor<?x3x9x1xf16>,
    %a2: tensor<?x3x9x1xf16>,
    %a3: tensor<i1>,
    %a4: tensor<3x6x12x17xf32>,
    %a5: tensor<3x2x32x17xf32>,
    %a6: tensor<3x2x32x17xf32>,
    %a7: tensor<1x32xf32>)
    -> (tensor<?x9x1x1xf16>, tensor<3x6x12x17xf32>) {
  %r0 = attn.sdpa %a0, %a1, %a2 mask(%a3 : tensor<i1>) scale = 9.790000e-01
      : tensor<?x9x1x1xf16>, tensor<?x3x9x1xf16>, tensor<?x3x9x1xf16> -> tensor<?x9x1x1xf16>
  %r4 = attn.sdpa %a4, %a5, %a6 mask(%a7 : tensor<1x32xf32>) scale = 4.924000e-01
      : tensor<3x6x12x17xf32>, tensor<3x2x32x17xf32>, tensor<3x2x32x17xf32> -> tensor<3x6x12x17xf32>
  return %r0, %r4 : tensor<?x9x1x1xf16>, tensor<3x6x12x17xf32>
}

