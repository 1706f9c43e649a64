// RUN: attn-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition))'

// What attn's ops refuse to be partitioned over, with why
// (lib/Distributed/ShardingInterfaces.cpp).

shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @keys(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [], [0]] : !shard.sharding
  %ks = shard.shard %k to %s annotate_for_users : tensor<1x2x8x16xf32>
  %vs = shard.shard %v to %s annotate_for_users : tensor<1x2x8x16xf32>
  // expected-error @+1 {{cannot be partitioned over the key/value sequence (grid axes [0]): the softmax of a query row needs every key}}
  %o = attn.sdpa %q, %ks, %vs : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @causal_rows(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [], [0]] : !shard.sharding
  %qs = shard.shard %q to %s annotate_for_users : tensor<1x2x8x16xf32>
  // expected-error @+1 {{cannot partition a causal attn.sdpa over its query rows (grid axes [0]): each rank's rows would need their own causal offset}}
  %o = attn.sdpa %qs, %k, %v causal : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

shard.grid @grid(shape = 4) {sym_visibility = "private"}
func.func @gqa_groups(%q: tensor<1x8x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x8x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [0]] : !shard.sharding
  %qs = shard.shard %q to %s annotate_for_users : tensor<1x8x8x16xf32>
  // expected-error @+1 {{cannot split 8 query heads and 2 key/value heads over 4 ranks: each rank must get whole groups of 4 query heads with their key/value head}}
  %o = attn.sdpa %qs, %k, %v : tensor<1x8x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x8x8x16xf32>
  return %o : tensor<1x8x8x16xf32>
}

// -----

shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @head_dim(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[], [], [], [0]] : !shard.sharding
  %qs = shard.shard %q to %s annotate_for_users : tensor<1x2x8x16xf32>
  // expected-error @+1 {{cannot be partitioned over the head dim D (grid axes [0])}}
  %o = attn.sdpa %qs, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

shard.grid @grid(shape = 4) {sym_visibility = "private"}
func.func @uneven_batch(%q: tensor<6x2x8x16xf32>, %k: tensor<6x2x8x16xf32>, %v: tensor<6x2x8x16xf32>) -> tensor<6x2x8x16xf32> {
  %s = shard.sharding @grid split_axes = [[0]] : !shard.sharding
  %qs = shard.shard %q to %s annotate_for_users : tensor<6x2x8x16xf32>
  // expected-error @+1 {{operand #0 dim 0 of size 6 does not split evenly over 4 ranks (grid axes [0])}}
  %o = attn.sdpa %qs, %k, %v : tensor<6x2x8x16xf32>, tensor<6x2x8x16xf32>, tensor<6x2x8x16xf32> -> tensor<6x2x8x16xf32>
  return %o : tensor<6x2x8x16xf32>
}
