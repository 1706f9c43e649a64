module attributes {transform.with_named_sequence} {
  func.func @gqa(%q: tensor<2x8x128x64xf32>, %k: tensor<2x2x128x64xf32>, %v: tensor<2x2x128x32xf32>) -> tensor<2x8x128x32xf32> {
    %o = attn.sdpa %q, %k, %v : tensor<2x8x128x64xf32>, tensor<2x2x128x64xf32>, tensor<2x2x128x32xf32> -> tensor<2x8x128x32xf32>
    return %o : tensor<2x8x128x32xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_forall %sdpa tile_sizes [1, 4, 32, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
