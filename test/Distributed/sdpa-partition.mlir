// RUN: attn-opt %s --split-input-file \
// RUN:   --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition),canonicalize)' \
// RUN:   | FileCheck %s

// attn.sdpa under upstream's sharding-propagation and shard-partition
// (lib/Distributed/ShardingInterfaces.cpp): per-rank shapes.

// GQA heads over 2 ranks: 8 query heads and 4 key/value heads become 4 and 2
// per rank (each rank keeps whole groups of 2), no collective; causal stays.
// CHECK-LABEL: func.func @gqa_heads
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x16x32xf32>, %[[K:.*]]: tensor<2x2x16x32xf32>, %[[V:.*]]: tensor<2x2x16x32xf32>) -> tensor<2x4x16x32xf32>
// CHECK-NEXT: %[[O:.*]] = attn.sdpa %[[Q]], %[[K]], %[[V]] causal : tensor<2x4x16x32xf32>, tensor<2x2x16x32xf32>, tensor<2x2x16x32xf32> -> tensor<2x4x16x32xf32>
// CHECK-NEXT: return %[[O]]
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @gqa_heads(%q: tensor<2x8x16x32xf32>, %k: tensor<2x4x16x32xf32>, %v: tensor<2x4x16x32xf32>) -> tensor<2x8x16x32xf32> {
  %s = shard.sharding @grid split_axes = [[], [0]] : !shard.sharding
  %qs = shard.shard %q to %s : tensor<2x8x16x32xf32>
  %o = attn.sdpa %qs, %k, %v causal : tensor<2x8x16x32xf32>, tensor<2x4x16x32xf32>, tensor<2x4x16x32xf32> -> tensor<2x8x16x32xf32>
  return %o : tensor<2x8x16x32xf32>
}

// -----

// MQA: the one key/value head is replicated, the query heads split.
// CHECK-LABEL: func.func @mqa_heads
// CHECK-SAME: (%{{.*}}: tensor<1x2x8x16xf32>, %{{.*}}: tensor<1x1x8x16xf32>, %{{.*}}: tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32>
// CHECK: attn.sdpa {{.*}} : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x2x8x16xf32>
shard.grid @grid(shape = 4) {sym_visibility = "private"}
func.func @mqa_heads(%q: tensor<1x8x8x16xf32>, %k: tensor<1x1x8x16xf32>, %v: tensor<1x1x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [0]] : !shard.sharding
  %qs = shard.shard %q to %s : tensor<1x8x8x16xf32>
  %o = attn.sdpa %qs, %k, %v : tensor<1x8x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x8x8x16xf32>
  return %o : tensor<1x8x8x16xf32>
}

// -----

// Batch over 2 ranks with a key-padding mask: the mask's batch dim splits,
// its broadcast dims stay 1.
// CHECK-LABEL: func.func @batch_mask
// CHECK-SAME: tensor<2x4x8x16xf32>, %{{.*}}: tensor<2x4x8x16xf32>, %{{.*}}: tensor<2x4x8x16xf32>, %{{.*}}: tensor<2x1x1x8xi1>) -> tensor<2x4x8x16xf32>
// CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<2x1x1x8xi1>) : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32> -> tensor<2x4x8x16xf32>
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @batch_mask(%q: tensor<4x4x8x16xf32>, %k: tensor<4x4x8x16xf32>, %v: tensor<4x4x8x16xf32>, %m: tensor<4x1x1x8xi1>) -> tensor<4x4x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[0]] : !shard.sharding
  %qs = shard.shard %q to %s : tensor<4x4x8x16xf32>
  %o = attn.sdpa %qs, %k, %v mask(%m : tensor<4x1x1x8xi1>) : tensor<4x4x8x16xf32>, tensor<4x4x8x16xf32>, tensor<4x4x8x16xf32> -> tensor<4x4x8x16xf32>
  return %o : tensor<4x4x8x16xf32>
}

// -----

// Non-causal query rows over 2 ranks: K and V stay whole on every rank.
// CHECK-LABEL: func.func @query_rows
// CHECK-SAME: tensor<1x2x8x16xf32>, %{{.*}}: tensor<1x2x16x16xf32>, %{{.*}}: tensor<1x2x16x16xf32>) -> tensor<1x2x8x16xf32>
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @query_rows(%q: tensor<1x2x16x16xf32>, %k: tensor<1x2x16x16xf32>, %v: tensor<1x2x16x16xf32>) -> tensor<1x2x16x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [], [0]] : !shard.sharding
  %qs = shard.shard %q to %s : tensor<1x2x16x16xf32>
  %o = attn.sdpa %qs, %k, %v : tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32> -> tensor<1x2x16x16xf32>
  return %o : tensor<1x2x16x16xf32>
}
