module attributes {transform.with_named_sequence} {
  func.func @online_rows(%q: tensor<64x32xf32>, %k: tensor<48x32xf32>, %v: tensor<48x8xf32>,
                         %m: tensor<64x48xf32>, %acc: tensor<64x8xf32>, %max: tensor<64xf32>,
                         %sum: tensor<64xf32>, %c: index) -> (tensor<64x8xf32>, tensor<64xf32>, tensor<64xf32>) {
    %a, %mx, %s = attn.online_attention %q, %k, %v mask(%m : tensor<64x48xf32>) into(%acc, %max, %sum)
        causal_shift(%c) scale = 0.25
        : tensor<64x32xf32>, tensor<48x32xf32>, tensor<48x8xf32> -> tensor<64x8xf32>, tensor<64xf32>, tensor<64xf32>
    return %a, %mx, %s : tensor<64x8xf32>, tensor<64xf32>, tensor<64xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %op = transform.structured.match ops{["attn.online_attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %tiled, %loop = transform.structured.tile_using_forall %op tile_sizes [16, 0, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
