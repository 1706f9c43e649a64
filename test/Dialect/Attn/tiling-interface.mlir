// attn.sdpa's TilingInterface: a transform script tiles it into attn.sdpa
// ops on slices; query-head tiles read whole key/value heads.
// RUN: attn-opt %s --transform-interpreter --canonicalize -split-input-file -verify-diagnostics | FileCheck %s

// CHECK-DAG: #[[H:.*]] = affine_map<(d0) -> (d0 * 4)>
// CHECK-DAG: #[[Q:.*]] = affine_map<(d0) -> (d0 * 32)>
// CHECK-LABEL: func.func @gqa
// CHECK: scf.forall (%[[B:.*]], %[[HT:.*]], %[[QT:.*]]) in (2, 2, 4)
// CHECK-DAG: %[[H0:.*]] = affine.apply #[[H]](%[[HT]])
// CHECK-DAG: %[[I0:.*]] = affine.apply #[[Q]](%[[QT]])
// CHECK: %[[QS:.*]] = tensor.extract_slice %{{.*}}[%[[B]], %[[H0]], %[[I0]], 0] [1, 4, 32, 64]
// CHECK: %[[KS:.*]] = tensor.extract_slice %{{.*}}[%[[B]], %[[HT]], 0, 0] [1, 1, 128, 64]
// CHECK: %[[VS:.*]] = tensor.extract_slice %{{.*}}[%[[B]], %[[HT]], 0, 0] [1, 1, 128, 32]
// CHECK: attn.sdpa %[[QS]], %[[KS]], %[[VS]] : tensor<1x4x32x64xf32>, tensor<1x1x128x64xf32>, tensor<1x1x128x32xf32> -> tensor<1x4x32x32xf32>
// CHECK: tensor.parallel_insert_slice
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

// -----

// A key-padding mask keeps its broadcast dims; the value dim tiles V.
// CHECK-LABEL: func.func @mask_and_value_dim
// CHECK: scf.for %[[B:[a-z0-9]+]] = 
// CHECK: scf.for %[[C:[a-z0-9]+]] = 
// CHECK: %[[M:.*]] = tensor.extract_slice %{{.*}}[%[[B]], 0, 0, 0] [1, 1, 1, 16] [1, 1, 1, 1] : tensor<2x1x1x16xi1> to tensor<1x1x1x16xi1>
// CHECK: attn.sdpa {{.*}} mask(%[[M]] : tensor<1x1x1x16xi1>) : tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x8xf32> -> tensor<1x8x16x8xf32>
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

// -----

// Tiling that would split a key/value head group, or the query dim of a
// causal op, is refused with a message.
module attributes {transform.with_named_sequence} {
  func.func @bad_head_tile(%q: tensor<1x8x16x64xf32>, %k: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
    // (upstream's own messages follow ours, spelling included)
    // expected-error @+4 {{a query-head tile must be 1 or a multiple of the group size Hq/Hkv = 4}}
    // expected-error @+3 {{faild to tile operation}}
    // expected-error @+2 {{failed to generate tiling loops}}
    // expected-note @+1 {{when applied to this op}}
    %o = attn.sdpa %q, %k, %k : tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32> -> tensor<1x8x16x64xf32>
    return %o : tensor<1x8x16x64xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @+1 {{transform.structured.tile_using_forall failed to apply}}
    %tiled, %loop = transform.structured.tile_using_forall %sdpa tile_sizes [1, 2, 0, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

module attributes {transform.with_named_sequence} {
  func.func @causal_query_tile(%q: tensor<1x2x16x64xf32>) -> tensor<1x2x16x64xf32> {
    // expected-error @+4 {{cannot tile the query dim of a causal attn.sdpa through TilingInterface (use attn-tile)}}
    // expected-error @+3 {{faild to tile operation}}
    // expected-error @+2 {{failed to generate tiling loops}}
    // expected-note @+1 {{when applied to this op}}
    %o = attn.sdpa %q, %q, %q causal : tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32> -> tensor<1x2x16x64xf32>
    return %o : tensor<1x2x16x64xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @+1 {{transform.structured.tile_using_forall failed to apply}}
    %tiled, %loop = transform.structured.tile_using_forall %sdpa tile_sizes [0, 0, 8, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
