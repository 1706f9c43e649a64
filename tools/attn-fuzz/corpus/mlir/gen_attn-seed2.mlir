// sdpa B=1 D=33 Dv=33 Hkv=2 Skv=33 Sq=20 causal=True dyn=000000 et=f32 group=1 mask=none mask_bcast=0111 mask_dyn1=False mask_rank=4 mask_static=False offset=-21 scale=None
// mha B=3 D=4 Hkv=1 M=16 Mkv=16 N=8 Skv=1 Sq=1 biases=0111 causal=False cross=False dyn=000000 et=f16 group=4 mask=none mask_bcast=1011 mask_dyn1=False mask_rank=1 mask_static=False norm=post offset=None scale=None
func.func @gen(
    %a0: tensor<1x2x20x33xf32>,
    %a1: tensor<1x2x33x33xf32>,
    %a2: tensor<1x2x33x33xf32>,
    %a3: tensor<3x1x16xf16>,
    %a4: tensor<16x16xf16>,
    %a5: tensor<16x4xf16>,
    %a6: tensor<16x4xf16>,
    %a7: tensor<16x8xf16>,
    %a8: tensor<4xf16>,
    %a9: tensor<4xf16>,
    %a10: tensor<8xf16>)
    -> (tensor<1x2x20x33xf32>, tensor<3x1x8xf16>) {
  %r0 = attn.sdpa %a0, %a1, %a2 causal offset = -21
      : tensor<1x2x20x33xf32>, tensor<1x2x33x33xf32>, tensor<1x2x33x33xf32> -> tensor<1x2x20x33xf32>
  %r3 = attn.mha %a3 weights(%a4, %a5, %a6, %a7) bias_k(%a8) bias_v(%a9) bias_o(%a10) num_heads(4) num_kv_heads(1) head_dim(4)
      : (tensor<3x1x16xf16>, tensor<16x16xf16>, tensor<16x4xf16>, tensor<16x4xf16>, tensor<16x8xf16>, tensor<4xf16>, tensor<4xf16>, tensor<8xf16>) -> tensor<3x1x8xf16>
  return %r0, %r3 : tensor<1x2x20x33xf32>, tensor<3x1x8xf16>
}

