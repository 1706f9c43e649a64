// attn.sdpa's and attn.online_attention's TilingInterface: a transform script
// tiles them into the same ops on slices; query-head tiles read whole
// key/value heads.
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

// A causal query tile reads the keys its rows see, [0, i0 + 8) here; on
// them the default (bottom-right) offset is the tile's own causal rule.
// CHECK-DAG: #[[I0:.*]] = affine_map<(d0) -> (d0 * 8)>
// CHECK-LABEL: func.func @causal_query_tile
// CHECK: scf.forall (%[[T:.*]]) in (2)
// CHECK: %[[R0:.*]] = affine.apply #[[I0]](%[[T]])
// CHECK: %[[END0:.*]] = affine.min #{{.*}}(%[[T]])
// CHECK: %[[END:.*]] = affine.max #{{.*}}(%[[END0]])
// CHECK: %[[QS:.*]] = tensor.extract_slice %{{.*}}[0, 0, %[[R0]], 0] [1, 2, 8, 64]
// CHECK: %[[KS:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 2, %[[END]], 64]
// CHECK: %[[VS:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [1, 2, %[[END]], 64]
// CHECK: attn.sdpa %[[QS]], %[[KS]], %[[VS]] causal : tensor<1x2x8x64xf32>, tensor<1x2x?x64xf32>, tensor<1x2x?x64xf32> -> tensor<1x2x8x64xf32>
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

// -----

// An offset above Skv − Sq would let a tile's rows see past Skv: refused
// (attn-tile splits such an op's rows first).
module attributes {transform.with_named_sequence} {
  func.func @causal_offset_too_large(%q: tensor<1x2x16x64xf32>) -> tensor<1x2x16x64xf32> {
    // expected-error @+4 {{cannot tile the query dim of a causal attn.sdpa whose offset may exceed Skv − Sq through TilingInterface}}
    // expected-error @+3 {{faild to tile operation}}
    // expected-error @+2 {{failed to generate tiling loops}}
    // expected-note @+1 {{when applied to this op}}
    %o = attn.sdpa %q, %q, %q causal offset = 3 : tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32> -> tensor<1x2x16x64xf32>
    return %o : tensor<1x2x16x64xf32>
  }
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %sdpa = transform.structured.match ops{["attn.sdpa"]} in %root : (!transform.any_op) -> !transform.any_op
    // expected-error @+1 {{transform.structured.tile_using_forall failed to apply}}
    %tiled, %loop = transform.structured.tile_using_forall %sdpa tile_sizes [0, 0, 8, 0] : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// attn.online_attention's rows tile: Q, the Bq×Bk mask and the state are
// sliced by rows, K and V stay whole, and the causal shift moves with the
// rows (a tile starting at row r0 sees key j iff j ≤ i + shift + r0).
// CHECK-DAG: #[[R0:.*]] = affine_map<(d0) -> (d0 * 16)>
// CHECK-DAG: #[[SH:.*]] = affine_map<(d0)[s0] -> (d0 * 16 + s0)>
// CHECK-LABEL: func.func @online_rows
// CHECK-SAME: (%[[Q:[^:]+]]: {{[^,]+}}, %[[K:[^:]+]]: {{[^,]+}}, %[[V:[^:]+]]: {{[^,]+}}, %[[M:[^:]+]]: {{[^,]+}}, %[[ACC:[^:]+]]: {{[^,]+}}, %[[MAX:[^:]+]]: {{[^,]+}}, %[[SUM:[^:]+]]: {{[^,]+}}, %[[C:[^:]+]]: index)
// CHECK: scf.forall (%[[T:.*]]) in (4) shared_outs(%[[OA:.*]] = %{{.*}}, %[[OM:.*]] = %{{.*}}, %[[OS:.*]] = %{{.*}})
// CHECK-DAG: %[[ROW:.*]] = affine.apply #[[R0]](%[[T]])
// CHECK-DAG: %[[SHIFT:.*]] = affine.apply #[[SH]](%[[T]])[%[[C]]]
// CHECK-DAG: %[[QS:.*]] = tensor.extract_slice %[[Q]][%[[ROW]], 0] [16, 32] [1, 1]
// CHECK-DAG: %[[MS:.*]] = tensor.extract_slice %[[M]][%[[ROW]], 0] [16, 48] [1, 1]
// CHECK-DAG: %[[AS:.*]] = tensor.extract_slice %[[ACC]][%[[ROW]], 0] [16, 8] [1, 1]
// CHECK: attn.online_attention %[[QS]], %[[K]], %[[V]] mask(%[[MS]] : tensor<16x48xf32>) into(%[[AS]], %{{.*}}, %{{.*}}) causal_shift(%[[SHIFT]]) scale = 2.500000e-01 : tensor<16x32xf32>, tensor<48x32xf32>, tensor<48x8xf32> -> tensor<16x8xf32>, tensor<16xf32>, tensor<16xf32>
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[OA]][%[[ROW]], 0] [16, 8]
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[OM]][%[[ROW]]] [16]
// CHECK: tensor.parallel_insert_slice %{{.*}} into %[[OS]][%[[ROW]]] [16]
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

// -----

// Its keys are the recurrence's reduction: tiling them is refused.
module attributes {transform.with_named_sequence} {
  func.func @online_keys(%q: tensor<8x32xf32>, %k: tensor<48x32xf32>, %acc: tensor<8x32xf32>,
                         %max: tensor<8xf32>, %sum: tensor<8xf32>) -> tensor<8x32xf32> {
    // expected-error @+3 {{only the rows of attn.online_attention tile: its keys are the recurrence's reduction}}
    // expected-error @+2 {{faild to tile operation}}
    // expected-error @+1 {{failed to generate tiling loops}}
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
