// attn-prune-heads on multi-head attention with constant weights: keep,
// ratio and drop lists slice Wq/bq columns, Wo rows and Wk/Wv columns
// (each head is its own KV head) into new attn.weights, and update the head
// counts; layers the options do not touch are left alone.
// RUN: attn-opt %s -split-input-file --attn-prune-heads=keep=2 | FileCheck %s --check-prefixes=KEEP2,ALONE
// RUN: attn-opt %s -split-input-file --attn-prune-heads=keep=1 | FileCheck %s --check-prefix=KEEP1
// RUN: attn-opt %s -split-input-file --attn-prune-heads="keep=1 norm=l2" | FileCheck %s --check-prefix=L2
// RUN: attn-opt %s -split-input-file --attn-prune-heads=ratio=0.5 | FileCheck %s --check-prefix=KEEP2
// RUN: attn-opt %s -split-input-file --attn-prune-heads=ratio=0.625 | FileCheck %s --check-prefix=RATIO3
// RUN: attn-opt %s -split-input-file --attn-prune-heads=ratio=0.1 | FileCheck %s --check-prefix=KEEP1
// RUN: attn-opt %s -split-input-file --attn-prune-heads=drop=l0:1:3 | FileCheck %s --check-prefix=DROP
// RUN: attn-opt %s -split-input-file --attn-prune-heads=keep=2 --remarks-filter=attn-prune-heads 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK

// Four heads of head_dim 1 on a model dim of 2, so every column is a head.
// L1 scores (Wq column + Wo row; Wk and Wv do not count in multi-head
// attention):
// h0: 2 + 2 = 4, h1: 0.25 + 0.5 = 0.75, h2: 3 + 1 = 4, h3: 1 + 2 = 3.
// L2 scores: h0: 1.41 + 1.41 = 2.83, h1: 0.75, h2: 3 + 1 = 4, h3: 0.71 + 2.
// keep=2 and ratio=0.5 keep h0 and h2; keep=1 keeps h0 (tied with h2: the
// lower index), with L2 h2; ratio=0.625 rounds 2.5 heads up to 3 (h0, h2,
// h3); ratio=0.1 rounds 0.4 up to the one-head minimum. A per-head mask is
// sliced like the heads; Wo's columns, bo and the result stay.

// KEEP2:      attn.weight @l0.wq.pruned = dense<{{\[}}[1.000000e+00, 3.000000e+00], [1.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// KEEP2-NEXT: attn.weight @l0.wk.pruned = dense<1.000000e+00> : tensor<2x2xf32>
// KEEP2-NEXT: attn.weight @l0.wv.pruned = dense<{{\[}}[1.000000e+00, 3.000000e+00], [5.000000e+00, 7.000000e+00]]> : tensor<2x2xf32>
// KEEP2-NEXT: attn.weight @l0.wo.pruned = dense<{{\[}}[1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// KEEP2-NEXT: attn.weight @l0.bq.pruned = dense<[1.000000e-01, 3.000000e-01]> : tensor<2xf32>
// KEEP2-NEXT: attn.weight @l0.bo = dense<5.000000e-01> : tensor<2xf32>
// KEEP2-NOT:  attn.weight @
// KEEP2-LABEL: func.func @mha
// KEEP2-SAME: %[[X:[^:]+]]: tensor<1x3x2xf32>, %[[M:[^:]+]]: tensor<1x4x3x3xi1>
// KEEP2-DAG:  %[[WQ:.+]] = attn.weight_ref @l0.wq.pruned : tensor<2x2xf32>
// KEEP2-DAG:  %[[WK:.+]] = attn.weight_ref @l0.wk.pruned : tensor<2x2xf32>
// KEEP2-DAG:  %[[WV:.+]] = attn.weight_ref @l0.wv.pruned : tensor<2x2xf32>
// KEEP2-DAG:  %[[WO:.+]] = attn.weight_ref @l0.wo.pruned : tensor<2x2xf32>
// KEEP2-DAG:  %[[BQ:.+]] = attn.weight_ref @l0.bq.pruned : tensor<2xf32>
// KEEP2-DAG:  %[[BO:.+]] = attn.weight_ref @l0.bo : tensor<2xf32>
// KEEP2-DAG:  %[[M0:.+]] = tensor.extract_slice %[[M]][0, 0, 0, 0] [1, 1, 3, 3] [1, 1, 1, 1] : tensor<1x4x3x3xi1> to tensor<1x1x3x3xi1>
// KEEP2-DAG:  %[[M2:.+]] = tensor.extract_slice %[[M]][0, 2, 0, 0] [1, 1, 3, 3] [1, 1, 1, 1] : tensor<1x4x3x3xi1> to tensor<1x1x3x3xi1>
// KEEP2-DAG:  %[[MC:.+]] = tensor.concat dim(1) %[[M0]], %[[M2]] : (tensor<1x1x3x3xi1>, tensor<1x1x3x3xi1>) -> tensor<1x2x3x3xi1>
// KEEP2:      attn.mha name "l0" %[[X]] weights(%[[WQ]], %[[WK]], %[[WV]], %[[WO]]) bias_q(%[[BQ]]) bias_o(%[[BO]]) mask(%[[MC]] : tensor<1x2x3x3xi1>) num_heads(2) num_kv_heads(2) head_dim(1)
// KEEP2-SAME: -> tensor<1x3x2xf32>

// KEEP1:      attn.weight @l0.wq.pruned = dense<1.000000e+00> : tensor<2x1xf32>
// KEEP1:      attn.weight @l0.wo.pruned = dense<1.000000e+00> : tensor<1x2xf32>
// KEEP1:      attn.weight @l0.bq.pruned = dense<1.000000e-01> : tensor<1xf32>
// KEEP1:      tensor.extract_slice %{{.+}}[0, 0, 0, 0] [1, 1, 3, 3]
// KEEP1-NOT:  tensor.concat
// KEEP1:      num_heads(1) num_kv_heads(1) head_dim(1)

// L2:         attn.weight @l0.wq.pruned = dense<{{\[}}[3.000000e+00], [0.000000e+00]]> : tensor<2x1xf32>
// L2:         attn.weight @l0.wo.pruned = dense<{{\[}}[0.000000e+00, 1.000000e+00]]> : tensor<1x2xf32>
// L2:         num_heads(1) num_kv_heads(1) head_dim(1)

// RATIO3:     attn.weight @l0.wq.pruned = dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e-01], [1.000000e+00, 0.000000e+00, 5.000000e-01]]> : tensor<2x3xf32>
// RATIO3:     attn.weight @l0.wo.pruned = dense<{{\[}}[1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00], [2.000000e+00, 0.000000e+00]]> : tensor<3x2xf32>
// RATIO3:     tensor.concat dim(1) %{{.+}}, %{{.+}} : (tensor<1x1x3x3xi1>, tensor<1x2x3x3xi1>) -> tensor<1x3x3x3xi1>
// RATIO3:     num_heads(3) num_kv_heads(3) head_dim(1)

// DROP:       attn.weight @l0.wq.pruned = dense<{{\[}}[1.000000e+00, 3.000000e+00], [1.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// DROP:       num_heads(2) num_kv_heads(2) head_dim(1)

// REMARK: remark: [Passed] HeadsPruned | Category:attn-prune-heads | FlopsRemoved=168, HeadsRemoved=2, ParamsRemoved=18, Remark="layer 'l0': dropped heads 1 (0.75), 3 (3) of 4, scored by L1 norms; kept 0, 2"
// REMARK: remark: [Passed] HeadsPruned | Category:attn-prune-heads | FlopsRemoved=168, ParamsRemoved=18, Remark="2 head(s) removed from 1 layer(s)"

attn.weight @l0.wq = dense<[[1.0, 0.0, 3.0, 0.5], [1.0, 0.25, 0.0, 0.5]]> : tensor<2x4xf32>
attn.weight @l0.wk = dense<1.0> : tensor<2x4xf32>
attn.weight @l0.wv = dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf32>
attn.weight @l0.wo = dense<[[1.0, 1.0], [0.5, 0.0], [0.0, 1.0], [2.0, 0.0]]> : tensor<4x2xf32>
attn.weight @l0.bq = dense<[0.1, 0.2, 0.3, 0.4]> : tensor<4xf32>
attn.weight @l0.bo = dense<0.5> : tensor<2xf32>
func.func @mha(%x: tensor<1x3x2xf32>, %m: tensor<1x4x3x3xi1>) -> tensor<1x3x2xf32> {
  %wq = attn.weight_ref @l0.wq : tensor<2x4xf32>
  %wk = attn.weight_ref @l0.wk : tensor<2x4xf32>
  %wv = attn.weight_ref @l0.wv : tensor<2x4xf32>
  %wo = attn.weight_ref @l0.wo : tensor<4x2xf32>
  %bq = attn.weight_ref @l0.bq : tensor<4xf32>
  %bo = attn.weight_ref @l0.bo : tensor<2xf32>
  %y = attn.mha name "l0" %x weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_o(%bo)
      mask(%m : tensor<1x4x3x3xi1>) num_heads(4) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>,
         tensor<4x2xf32>, tensor<4xf32>, tensor<2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

// arith.constant weights become smaller arith.constants (the old ones are
// erased); a weight shared with another user keeps its attn.weight, and a
// layer that is asked to keep all of its heads (or more), or that a drop
// list does not name, is left alone.
// KEEP2-LABEL: func.func @constants
// KEEP2-DAG:   %[[WQ:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00], [1.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// KEEP2-DAG:   %[[WO:.+]] = arith.constant dense<{{\[}}[1.000000e+00, 1.000000e+00], [0.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// KEEP2-DAG:   %[[WK:.+]] = attn.weight_ref @shared.wk.pruned : tensor<2x2xf32>
// KEEP2-NOT:   arith.constant {{.+}}tensor<2x4xf32>
// KEEP2:       attn.mha name "l0" %{{.+}} weights(%[[WQ]], %[[WK]], %[[WK]], %[[WO]]) num_heads(2) num_kv_heads(2) head_dim(1)
// KEEP2:       %[[OLD:.+]] = attn.weight_ref @shared.wk : tensor<2x4xf32>
// KEEP2:       return %{{.+}}, %[[OLD]]
// ALONE-LABEL: func.func @two_heads
// ALONE:       num_heads(2) num_kv_heads(2)
// ALONE-NOT:   pruned
// DROP-LABEL:  func.func @constants
// DROP:        num_heads(2) num_kv_heads(2)
// DROP-LABEL:  func.func @two_heads
// DROP:        num_heads(2) num_kv_heads(2)
attn.weight @shared.wk = dense<1.0> : tensor<2x4xf32>
func.func @constants(%x: tensor<1x3x2xf32>) -> (tensor<1x3x2xf32>, tensor<2x4xf32>) {
  %wq = arith.constant dense<[[1.0, 0.0, 3.0, 0.5], [1.0, 0.25, 0.0, 0.5]]> : tensor<2x4xf32>
  %wk = attn.weight_ref @shared.wk : tensor<2x4xf32>
  %wo = arith.constant dense<[[1.0, 1.0], [0.5, 0.0], [0.0, 1.0], [2.0, 0.0]]> : tensor<4x2xf32>
  %y = attn.mha name "l0" %x weights(%wq, %wk, %wk, %wo) num_heads(4) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>,
         tensor<4x2xf32>) -> tensor<1x3x2xf32>
  %other = attn.weight_ref @shared.wk : tensor<2x4xf32>
  return %y, %other : tensor<1x3x2xf32>, tensor<2x4xf32>
}
func.func @two_heads(%x: tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}
