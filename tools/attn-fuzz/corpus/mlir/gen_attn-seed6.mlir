// residual B=2 D=8 Hkv=2 M=24 Mkv=8 N=24 Skv=1 Sq=1 biases=0111 causal=True cross=False dyn=000000 et=f32 group=1 mask=i1 mask_bcast=1101 mask_dyn1=False mask_rank=0 mask_static=False norm=post offset=None scale=None
// sdpa B=1 D=17 Dv=5 Hkv=1 Skv=47 Sq=13 causal=True dyn=000011 et=bf16 group=1 mask=add32 mask_bcast=0101 mask_dyn1=False mask_rank=4 mask_static=False offset=None scale=None
func.func @gen(
    %a0: tensor<2x1x24xf32>,
    %a1: tensor<24x16xf32>,
    %a2: tensor<24x16xf32>,
    %a3: tensor<24x16xf32>,
    %a4: tensor<16x24xf32>,
    %a5: tensor<16xf32>,
    %a6: tensor<16xf32>,
    %a7: tensor<24xf32>,
    %a8: tensor<i1>,
    %a9: tensor<24xf32>,
    %a10: tensor<24xf32>,
    %a11: tensor<1x1x13x?xbf16>,
    %a12: tensor<1x1x?x?xbf16>,
    %a13: tensor<1x1x?x?xbf16>,
    %a14: tensor<1x1x13x1xf32>)
    -> (tensor<2x1x24xf32>, tensor<1x1x13x?xbf16>) {
  %r0 = attn.residual %a0 norm(post, %a9, %a10 : tensor<24xf32>, tensor<24xf32>) : tensor<2x1x24xf32> {
  ^bb0(%h0: tensor<2x1x24xf32>):
  %y0 = attn.mha %h0 weights(%a1, %a2, %a3, %a4) bias_k(%a5) bias_v(%a6) bias_o(%a7) mask(%a8 : tensor<i1>) num_heads(2) num_kv_heads(2) head_dim(8) causal
      : (tensor<2x1x24xf32>, tensor<24x16xf32>, tensor<24x16xf32>, tensor<24x16xf32>, tensor<16x24xf32>, tensor<16xf32>, tensor<16xf32>, tensor<24xf32>) -> tensor<2x1x24xf32>
  attn.yield %y0 : tensor<2x1x24xf32>
  }
  %r11 = attn.sdpa %a11, %a12, %a13 mask(%a14 : tensor<1x1x13x1xf32>) causal scale = 2.425356e-01
      : tensor<1x1x13x?xbf16>, tensor<1x1x?x?xbf16>, tensor<1x1x?x?xbf16> -> tensor<1x1x13x?xbf16>
  return %r0, %r11 : tensor<2x1x24xf32>, tensor<1x1x13x?xbf16>
}

