func.func @mha(%q: tensor<1x4x16x16xf32>, %k: tensor<1x4x16x16xf32>,
               %v: tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>
      -> tensor<1x4x16x16xf32>
  return %o : tensor<1x4x16x16xf32>
}

func.func @gqa(%q: tensor<1x8x12x16xf32>, %k: tensor<1x2x12x16xf32>,
               %v: tensor<1x2x12x16xf32>) -> tensor<1x8x12x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x8x12x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32>
      -> tensor<1x8x12x16xf32>
  return %o : tensor<1x8x12x16xf32>
}

func.func @mqa(%q: tensor<1x6x10x16xf32>, %k: tensor<1x1x10x16xf32>,
               %v: tensor<1x1x10x24xf32>) -> tensor<1x6x10x24xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x6x10x16xf32>, tensor<1x1x10x16xf32>, tensor<1x1x10x24xf32>
      -> tensor<1x6x10x24xf32>
  return %o : tensor<1x6x10x24xf32>
}

func.func @batch3(%q: tensor<3x4x9x8xf32>, %k: tensor<3x2x13x8xf32>,
                  %v: tensor<3x2x13x8xf32>) -> tensor<3x4x9x8xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<3x4x9x8xf32>, tensor<3x2x13x8xf32>, tensor<3x2x13x8xf32>
      -> tensor<3x4x9x8xf32>
  return %o : tensor<3x4x9x8xf32>
}

func.func @odd_sizes(%q: tensor<1x2x77x80xf32>, %k: tensor<1x2x77x80xf32>,
                     %v: tensor<1x2x77x80xf32>) -> tensor<1x2x77x80xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x2x77x80xf32>, tensor<1x2x77x80xf32>, tensor<1x2x77x80xf32>
      -> tensor<1x2x77x80xf32>
  return %o : tensor<1x2x77x80xf32>
}

func.func @scaled(%q: tensor<2x2x8x16xf32>, %k: tensor<2x2x8x16xf32>,
                  %v: tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  %o = attn.sdpa %q, %k, %v scale = 5.000000e-01
      : tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>
      -> tensor<2x2x8x16xf32>
  return %o : tensor<2x2x8x16xf32>
}
