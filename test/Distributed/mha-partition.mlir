// RUN: attn-opt %s --split-input-file \
// RUN:   --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition),canonicalize)' \
// RUN:   | FileCheck %s

// Megatron-style head parallelism of attn.mha annotated on its weights only:
// Wq/Wk/Wv split by head columns, Wo by rows. Each rank runs its heads
// (4 of 8 query heads, 2 of 4 key/value heads) and one all-reduce sums the
// output projection; the output bias is added once, after it.

// CHECK-LABEL: func.func @heads
// CHECK-SAME: (%[[X:.*]]: tensor<1x16x32xf32>, %[[WQ:.*]]: tensor<32x16xf32>, %[[WK:.*]]: tensor<32x8xf32>, %[[WV:.*]]: tensor<32x8xf32>, %[[WO:.*]]: tensor<16x32xf32>, %[[BO:.*]]: tensor<32xf32>)
// CHECK: %[[Y:.*]] = attn.mha %[[X]] weights(%[[WQ]], %[[WK]], %[[WV]], %[[WO]]) num_heads(4) num_kv_heads(2) head_dim(4) causal
// CHECK-NOT: bias_o
// CHECK-SAME: -> tensor<1x16x32xf32>
// CHECK: %[[S:.*]] = shard.all_reduce %[[Y]] on @grid grid_axes = [0] : tensor<1x16x32xf32> -> tensor<1x16x32xf32>
// CHECK-NOT: shard.all_reduce
// CHECK: linalg.generic {{.*}} ins(%[[S]], %[[BO]] :
// CHECK: arith.addf
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @heads(%x: tensor<1x16x32xf32>, %wq: tensor<32x32xf32>, %wk: tensor<32x16xf32>,
                 %wv: tensor<32x16xf32>, %wo: tensor<32x32xf32>, %bo: tensor<32xf32>) -> tensor<1x16x32xf32> {
  %cols = shard.sharding @grid split_axes = [[], [0]] : !shard.sharding
  %rows = shard.sharding @grid split_axes = [[0]] : !shard.sharding
  %wqs = shard.shard %wq to %cols : tensor<32x32xf32>
  %wks = shard.shard %wk to %cols : tensor<32x16xf32>
  %wvs = shard.shard %wv to %cols : tensor<32x16xf32>
  %wos = shard.shard %wo to %rows : tensor<32x32xf32>
  %y = attn.mha %x weights(%wqs, %wks, %wvs, %wos) bias_o(%bo) num_heads(8) num_kv_heads(4) head_dim(4) causal
      : (tensor<1x16x32xf32>, tensor<32x32xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<32x32xf32>, tensor<32xf32>) -> tensor<1x16x32xf32>
  return %y : tensor<1x16x32xf32>
}
