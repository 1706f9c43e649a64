func.func @sdpa_orders(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
                       %v: tensor<1x2x8x16xf32>, %m: tensor<1x1x1x8xi1>) {
  %0 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) causal offset = 0 scale = 0.5
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %1 = attn.sdpa %q, %k, %v causal mask(%m : tensor<1x1x1x8xi1>) offset = 0 scale = 0.5
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %2 = attn.sdpa %q, %k, %v scale = 0.5 offset = 0 causal mask(%m : tensor<1x1x1x8xi1>)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %3 = attn.sdpa %q, %k, %v causal scale = 0.5 mask(%m : tensor<1x1x1x8xi1>) offset = 0
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %4 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) {causal, causal_offset = 0 : i64, scale = 0.5 : f32}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %5 = attn.sdpa %q, %k, %v causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %6 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) {note = "kept"}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}
