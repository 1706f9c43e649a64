// sdpa B=1 D=64 Dv=64 Hkv=2 Skv=61 Sq=29 causal=False dyn=000000 et=bf16 group=1 mask=none mask_bcast=1011 mask_dyn1=False mask_rank=0 mask_static=False offset=None scale=None
// residual B=1 D=4 Hkv=1 M=4 Mkv=4 N=4 Skv=1 Sq=1 biases=0010 causal=False cross=False dyn=000000 et=f32 group=1 mask=none mask_bcast=0011 mask_dyn1=False mask_rank=3 mask_static=False norm=post offset=None scale=None
func.func @gen(
    %a0: tensor<1x2x29x64xbf16>,
    %a1: tensor<1x2x61x64xbf16>,
    %a2: tensor<1x2x61x64xbf16>,
    %a3: tensor<1x1x4xf32>,
    %a4: tensor<4x4xf32>,
    %a5: tensor<4x4xf32>,
    %a6: tensor<4x4xf32>,
    %a7: tensor<4x4xf32>,
    %a8: tensor<4xf32>,
    %a9: tensor<4xf32>,
    %a10: tensor<4xf32>)
    -> (tensor<1x2x29x64xbf16>, tensor<1x1x4xf32>) {
  %r0 = attn.sdpa %a0, %a1, %a2
      : tensor<1x2x29x64xbf16>, tensor<1x2x61x64xbf16>, tensor<1x2x61x64xbf16> -> tensor<1x2x29x64xbf16>
  %r3 = attn.residual %a3 norm(post, %a9, %a10 : tensor<4xf32>, tensor<4xf32>) : tensor<1x1x4xf32> {
  ^bb0(%h3: tensor<1x1x4xf32>):
  %y3 = attn.mha %h3 weights(%a4, %a5, %a6, %a7) bias_v(%a8) num_heads(1) num_kv_heads(1) head_dim(4)
      : (tensor<1x1x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4xf32>) -> tensor<1x1x4xf32>
  attn.yield %y3 : tensor<1x1x4xf32>
  }
  return %r0, %r3 : tensor<1x2x29x64xbf16>, tensor<1x1x4xf32>
}

