func.func @strided_views(%qkv: tensor<1x8x12x16xf32>) -> tensor<1x4x8x16xf32> {
  %q = tensor.extract_slice %qkv[0, 0, 2, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %k = tensor.extract_slice %qkv[0, 4, 0, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %v = tensor.extract_slice %qkv[0, 2, 4, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>
      -> tensor<1x4x8x16xf32>
  return %o : tensor<1x4x8x16xf32>
}
