// attn-prune-heads on grouped-query attention: gqa=groups removes whole KV
// groups with their query heads, gqa=per-group the same number of query
// heads from every group (every KV head stays); counts that do not fit are
// rounded to the nearest one that does, and the remark says how.
// RUN: attn-opt %s --attn-prune-heads=keep=2 | FileCheck %s --check-prefix=GROUPS
// RUN: attn-opt %s --attn-prune-heads=keep=1 --remarks-filter=attn-prune-heads 2>&1 | FileCheck %s --check-prefix=ROUNDED
// RUN: attn-opt %s --attn-prune-heads=keep=3 --remarks-filter=attn-prune-heads 2>&1 | FileCheck %s --check-prefix=ALL
// RUN: attn-opt %s --attn-prune-heads="keep=2 gqa=per-group" | FileCheck %s --check-prefix=PERGROUP
// RUN: attn-opt %s --attn-prune-heads="keep=1 gqa=per-group" --remarks-filter=attn-prune-heads 2>&1 | FileCheck %s --check-prefix=PERGROUP1
// RUN: attn-opt %s --attn-prune-heads=threshold=3.5 | FileCheck %s --check-prefix=GROUPS
// RUN: attn-opt %s --attn-prune-heads="threshold=3.5 gqa=per-group" | FileCheck %s --check-prefix=PERGROUP
// RUN: attn-opt %s --attn-prune-heads=drop=gqa:0:1 | FileCheck %s --check-prefix=GROUPS
// RUN: attn-opt %s --attn-prune-heads="drop=gqa:1:3 gqa=per-group" | FileCheck %s --check-prefix=PERGROUP

// 4 query heads in 2 KV groups (G = 2), head_dim 1. L1 head scores (Wq
// column + Wo row): h0 4, h1 0.75, h2 4, h3 3; the groups add their Wk and
// Wv columns: g0 = 4 + 0.75 + 4 (2 + 2) = 8.75, g1 = 4 + 3 + 6 (4 + 2) = 13.
// keep=2, threshold=3.5 (two heads score ≥ 3.5) and drop=gqa:0:1 keep group
// 1 (heads 2, 3); keep=1 rounds half a group up to one; keep=3 rounds 1.5
// groups to 2, i.e. every head. Per group, the better head of each: 0 and 2.

// GROUPS:      attn.weight @gqa.wq.pruned = dense<{{\[}}[3.000000e+00, 5.000000e-01], [0.000000e+00, 5.000000e-01]]> : tensor<2x2xf32>
// GROUPS-NEXT: attn.weight @gqa.wk.pruned = dense<2.000000e+00> : tensor<2x1xf32>
// GROUPS-NEXT: attn.weight @gqa.wv.pruned = dense<1.000000e+00> : tensor<2x1xf32>
// GROUPS-NEXT: attn.weight @gqa.wo.pruned = dense<{{\[}}[0.000000e+00, 1.000000e+00], [2.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// GROUPS-NEXT: attn.weight @gqa.bk.pruned = dense<2.000000e-01> : tensor<1xf32>
// GROUPS-NOT:  attn.weight @
// GROUPS:      num_heads(2) num_kv_heads(1) head_dim(1)
// GROUPS-SAME: (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x1xf32>, tensor<2x1xf32>, tensor<2x2xf32>, tensor<1xf32>) -> tensor<1x3x2xf32>

// ROUNDED: remark: [Passed] HeadsPruned | Category:attn-prune-heads | FlopsRemoved=144, HeadsRemoved=2, ParamsRemoved=13, Remark="layer 'gqa': dropped heads 0 (4), 1 (0.75) of 4, scored by L1 norms; kept 2, 3; KV heads 2 -> 1; rounded: keep=1, which is not a whole number of KV groups of 2: kept 2 query heads (1 whole KV group(s), the nearest count)"
// ALL:     remark: [Analysis] HeadsKept | Category:attn-prune-heads | Remark="layer 'gqa': keeps every head; keep=3, which is not a whole number of KV groups of 2: kept 4 query heads (2 whole KV group(s), the nearest count)"
// ALL:     num_heads(4) num_kv_heads(2)

// PERGROUP:      attn.weight @gqa.wq.pruned = dense<{{\[}}[1.000000e+00, 3.000000e+00], [1.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// PERGROUP-NEXT: attn.weight @gqa.wk = dense<{{.+}}> : tensor<2x2xf32>
// PERGROUP-NEXT: attn.weight @gqa.wv = dense<1.000000e+00> : tensor<2x2xf32>
// PERGROUP-NEXT: attn.weight @gqa.wo.pruned = dense<{{\[}}[1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// PERGROUP-NEXT: attn.weight @gqa.bk = dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// PERGROUP-NOT:  attn.weight @
// PERGROUP:      num_heads(2) num_kv_heads(2) head_dim(1)

// PERGROUP1: Remark="layer 'gqa': dropped heads 1 (0.75), 3 (3) of 4, scored by L1 norms; kept 0, 2; rounded: keep=1, which does not split evenly over 2 KV groups: kept 2 query heads (1 per group, the nearest count)"

attn.weight @gqa.wq = dense<[[1.0, 0.0, 3.0, 0.5], [1.0, 0.25, 0.0, 0.5]]> : tensor<2x4xf32>
attn.weight @gqa.wk = dense<[[1.0, 2.0], [1.0, 2.0]]> : tensor<2x2xf32>
attn.weight @gqa.wv = dense<1.0> : tensor<2x2xf32>
attn.weight @gqa.wo = dense<[[1.0, 1.0], [0.5, 0.0], [0.0, 1.0], [2.0, 0.0]]> : tensor<4x2xf32>
attn.weight @gqa.bk = dense<[0.1, 0.2]> : tensor<2xf32>
func.func @gqa(%x: tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  %wq = attn.weight_ref @gqa.wq : tensor<2x4xf32>
  %wk = attn.weight_ref @gqa.wk : tensor<2x2xf32>
  %wv = attn.weight_ref @gqa.wv : tensor<2x2xf32>
  %wo = attn.weight_ref @gqa.wo : tensor<4x2xf32>
  %bk = attn.weight_ref @gqa.bk : tensor<2xf32>
  %y = attn.mha name "gqa" %x weights(%wq, %wk, %wv, %wo) bias_k(%bk)
      num_heads(4) num_kv_heads(2) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x4xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<4x2xf32>, tensor<2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}
