module attributes {transform.with_named_sequence} {
  func.func @online_keys(%q: tensor<8x32xf32>, %k: tensor<48x32xf32>, %acc: tensor<8x32xf32>,
                         %max: tensor<8xf32>, %sum: tensor<8xf32>) -> tensor<8x32xf32> {
    %a, %mx, %s = attn.online_attention %q, %k, %k into(%acc, %max, %sum) scale = 0.25
        : tensor<8x32xf32>, tensor<48x32xf32>, tensor<48x32xf32> -> tensor<8x32xf32>, tensor<8xf32>, tensor<8xf32>
    return %a : tensor<8x32xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["attn.online_attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_for %op tile_sizes [0, 16, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
