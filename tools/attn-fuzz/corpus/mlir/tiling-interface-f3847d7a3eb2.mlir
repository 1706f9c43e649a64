module attributes {transform.with_named_sequence} {
  func.func @causal_query_tile(%q: tensor<1x2x16x64xf32>) -> tensor<1x2x16x64xf32> {
    %o = attn.sdpa %q, %q, %q causal offset = 0 : tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32> -> tensor<1x2x16x64xf32>
    return %o : tensor<1x2x16x64xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_forall %sdpa tile_sizes [0, 0, 8, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
