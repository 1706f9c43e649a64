// attn-prune-heads with scores from a JSON file, on weights that are not
// constants: function arguments and computed values are sliced in the IR
// (tensor.extract_slice per run of kept heads), dynamic sizes included.
// RUN: attn-opt %s --attn-prune-heads="ratio=0.5 scores-file=%S/Inputs/prune-scores.json" | FileCheck %s --check-prefix=FILE
// RUN: attn-opt %s --attn-prune-heads="ratio=0.5 scores-file=%S/Inputs/prune-scores.json" --remarks-filter=attn-prune-heads 2>&1 >/dev/null | FileCheck %s --check-prefix=FILE-REMARK

// The file scores l0 (an array: heads 1 and 2 score highest) and l1 (an
// object from head index to score: head 0); l2 is not in it and, with a
// file, is left alone although its weights could be scored by norm.
// FILE-LABEL: func.func @three_layers
// FILE-SAME:  %[[X:[^:]+]]: tensor<2x5x4xf32>, %[[W:[^:]+]]: tensor<4x4xf32>, %[[W2:[^:]+]]: tensor<4x2xf32>, %[[WD:[^:]+]]: tensor<?x?xf32>
// FILE-DAG:   %[[Q0:.+]] = tensor.extract_slice %[[W]][0, 1] [4, 2] [1, 1] : tensor<4x4xf32> to tensor<4x2xf32>
// FILE-DAG:   %[[O0:.+]] = tensor.extract_slice %[[W]][1, 0] [2, 4] [1, 1] : tensor<4x4xf32> to tensor<2x4xf32>
// FILE:       attn.mha name "l0" %[[X]] weights(%[[Q0]], %[[Q0]], %[[Q0]], %[[O0]]) num_heads(2) num_kv_heads(2) head_dim(1)
// FILE:       %[[W4:.+]] = tensor.concat dim(1) %[[W2]], %[[W2]]
// FILE-DAG:   %[[C1:.+]] = arith.constant 1 : index
// FILE-DAG:   %[[D:.+]] = tensor.dim %[[WD]], %[[C1]] : tensor<?x?xf32>
// FILE-DAG:   %[[Q1:.+]] = tensor.extract_slice %[[W4]][0, 0] [4, 2] [1, 1] : tensor<4x4xf32> to tensor<4x2xf32>
// FILE-DAG:   %[[O1:.+]] = tensor.extract_slice %[[WD]][0, 0] [2, %[[D]]] [1, 1] : tensor<?x?xf32> to tensor<2x?xf32>
// FILE:       attn.mha name "l1" %[[X]] weights(%[[Q1]], %[[Q1]], %[[Q1]], %[[O1]]) num_heads(1) num_kv_heads(1) head_dim(2)
// FILE:       attn.mha name "l2" %[[X]] weights(%[[W]], %[[W]], %[[W]], %[[W]]) num_heads(4) num_kv_heads(4) head_dim(1)

// FILE-REMARK: FlopsRemoved=1040, HeadsRemoved=2, ParamsRemoved=32, Remark="layer 'l0': dropped heads 0 (0.1), 3 (0.2) of 4, scored by the scores file; kept 1, 2"
// FILE-REMARK: FlopsRemoved=1040, HeadsRemoved=1, ParamsRemoved=32, Remark="layer 'l1': dropped head 1 (0) of 2, scored by the scores file; kept 0"
// FILE-REMARK: FlopsRemoved=2080, ParamsRemoved=64, Remark="3 head(s) removed from 2 layer(s)"
func.func @three_layers(%x: tensor<2x5x4xf32>, %w: tensor<4x4xf32>, %w2: tensor<4x2xf32>,
                        %wd: tensor<?x?xf32>) -> (tensor<2x5x4xf32>, tensor<2x5x4xf32>, tensor<2x5x4xf32>) {
  %y0 = attn.mha name "l0" %x weights(%w, %w, %w, %w) num_heads(4) head_dim(1)
      : (tensor<2x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>) -> tensor<2x5x4xf32>
  %w4 = tensor.concat dim(1) %w2, %w2 : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x4xf32>
  %y1 = attn.mha name "l1" %x weights(%w4, %w4, %w4, %wd) num_heads(2) head_dim(2)
      : (tensor<2x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<?x?xf32>) -> tensor<2x5x4xf32>
  %y2 = attn.mha name "l2" %x weights(%w, %w, %w, %w) num_heads(4) head_dim(1)
      : (tensor<2x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>) -> tensor<2x5x4xf32>
  return %y0, %y1, %y2 : tensor<2x5x4xf32>, tensor<2x5x4xf32>, tensor<2x5x4xf32>
}
