func.func @sdpa_dynamic(%q: tensor<?x8x?x?xf32>, %k: tensor<?x8x?x?xf32>,
                        %v: tensor<?x8x?x64xf32>, %m: tensor<?x?xf32>) -> tensor<?x8x?x64xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x?xf32>) scale = 0.125
      : tensor<?x8x?x?xf32>, tensor<?x8x?x?xf32>, tensor<?x8x?x64xf32> -> tensor<?x8x?x64xf32>
  return %o : tensor<?x8x?x64xf32>
}
