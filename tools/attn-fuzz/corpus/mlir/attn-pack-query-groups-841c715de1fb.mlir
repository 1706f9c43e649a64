func.func @per_head_mask(%q: tensor<?x4x1x16xf16>, %k: tensor<?x1x100x16xf16>, %v: tensor<?x1x100x16xf16>,
                         %m: tensor<?x4x1x100xi1>) -> tensor<?x4x1x16xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x4x1x100xi1>) causal offset = 99 scale = 0.5
      : tensor<?x4x1x16xf16>, tensor<?x1x100x16xf16>, tensor<?x1x100x16xf16> -> tensor<?x4x1x16xf16>
  return %o : tensor<?x4x1x16xf16>
}
