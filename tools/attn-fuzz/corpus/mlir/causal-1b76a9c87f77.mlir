func.func @square(%q: tensor<1x4x16x8xf32>, %k: tensor<1x4x16x8xf32>,
                  %v: tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>
      -> tensor<1x4x16x8xf32>
  return %o : tensor<1x4x16x8xf32>
}

func.func @fewer_queries(%q: tensor<2x2x5x8xf32>, %k: tensor<2x2x12x8xf32>,
                         %v: tensor<2x2x12x8xf32>) -> tensor<2x2x5x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<2x2x5x8xf32>, tensor<2x2x12x8xf32>, tensor<2x2x12x8xf32>
      -> tensor<2x2x5x8xf32>
  return %o : tensor<2x2x5x8xf32>
}

func.func @more_queries(%q: tensor<1x2x9x8xf32>, %k: tensor<1x2x4x8xf32>,
                        %v: tensor<1x2x4x8xf32>) -> tensor<1x2x9x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x2x9x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x9x8xf32>
  return %o : tensor<1x2x9x8xf32>
}

func.func @top_left(%q: tensor<1x2x6x8xf32>, %k: tensor<1x2x10x8xf32>,
                    %v: tensor<1x2x10x8xf32>) -> tensor<1x2x6x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0
      : tensor<1x2x6x8xf32>, tensor<1x2x10x8xf32>, tensor<1x2x10x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

func.func @top_left_square(%q: tensor<1x2x8x8xf32>, %k: tensor<1x2x8x8xf32>,
                           %v: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0
      : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
      -> tensor<1x2x8x8xf32>
  return %o : tensor<1x2x8x8xf32>
}

func.func @explicit_offset(%q: tensor<1x2x6x8xf32>, %k: tensor<1x2x6x8xf32>,
                           %v: tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 2
      : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

func.func @gqa_odd(%q: tensor<1x6x37x24xf32>, %k: tensor<1x2x37x24xf32>,
                   %v: tensor<1x2x37x24xf32>) -> tensor<1x6x37x24xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x6x37x24xf32>, tensor<1x2x37x24xf32>, tensor<1x2x37x24xf32>
      -> tensor<1x6x37x24xf32>
  return %o : tensor<1x6x37x24xf32>
}

func.func @dyn_offset(%q: tensor<1x2x?x8xf32>, %k: tensor<1x2x?x8xf32>,
                      %v: tensor<1x2x?x8xf32>) -> tensor<1x2x?x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 3
      : tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>
      -> tensor<1x2x?x8xf32>
  return %o : tensor<1x2x?x8xf32>
}
