module attributes {transform.with_named_sequence} {
  func.func @mask_and_value_dim(%q: tensor<2x8x16x64xf32>, %v: tensor<2x8x16x32xf32>, %m: tensor<2x1x1x16xi1>) -> tensor<2x8x16x32xf32> {
    %o = attn.sdpa %q, %q, %v mask(%m : tensor<2x1x1x16xi1>) : tensor<2x8x16x64xf32>, tensor<2x8x16x64xf32>, tensor<2x8x16x32xf32> -> tensor<2x8x16x32xf32>
    return %o : tensor<2x8x16x32xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %l0, %l1 = transform.structured.tile_using_for %sdpa tile_sizes [1, 0, 0, 8] : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
