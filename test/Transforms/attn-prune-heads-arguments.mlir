// attn-prune-heads with scores in the op's attn.head_scores attribute, on
// weights that are function arguments: sliced in the IR, one
// tensor.extract_slice per run of kept heads, joined by tensor.concat when
// there are several.
// RUN: attn-opt %s --attn-prune-heads=keep=2 | FileCheck %s --check-prefix=ATTR
// RUN: attn-opt %s --attn-prune-heads=drop=*:1 | FileCheck %s --check-prefix=DROP

// Scores in the op's attribute: keep=2 keeps heads 1 and 2 (one run of
// columns: one slice per weight) and the attribute keeps their scores.
// drop=*:1 keeps heads 0, 2, 3: two runs, joined by tensor.concat.
// ATTR-LABEL: func.func @attribute
// ATTR-SAME:  %[[X:[^:]+]]: tensor<2x5x4xf32>, %[[WQ:[^:]+]]: tensor<4x4xf32>, %[[WK:[^:]+]]: tensor<4x4xf32>, %[[WO:[^:]+]]: tensor<4x4xf32>
// ATTR-DAG:   %[[Q:.+]] = tensor.extract_slice %[[WQ]][0, 1] [4, 2] [1, 1]
// ATTR-DAG:   %[[K:.+]] = tensor.extract_slice %[[WK]][0, 1] [4, 2] [1, 1]
// ATTR-DAG:   %[[O:.+]] = tensor.extract_slice %[[WO]][1, 0] [2, 4] [1, 1]
// ATTR:       attn.mha %[[X]] weights(%[[Q]], %[[K]], %[[K]], %[[O]]) num_heads(2) num_kv_heads(2) head_dim(1) {attn.head_scores = array<f64: 9.000000e-01, 5.000000e-01>}
// DROP-LABEL: func.func @attribute
// DROP-SAME:  %[[X:[^:]+]]: tensor<2x5x4xf32>, %[[WQ:[^:]+]]: tensor<4x4xf32>, %[[WK:[^:]+]]: tensor<4x4xf32>, %[[WO:[^:]+]]: tensor<4x4xf32>
// DROP:       %[[Q0:.+]] = tensor.extract_slice %[[WQ]][0, 0] [4, 1] [1, 1] : tensor<4x4xf32> to tensor<4x1xf32>
// DROP:       %[[Q1:.+]] = tensor.extract_slice %[[WQ]][0, 2] [4, 2] [1, 1] : tensor<4x4xf32> to tensor<4x2xf32>
// DROP:       %[[Q:.+]] = tensor.concat dim(1) %[[Q0]], %[[Q1]] : (tensor<4x1xf32>, tensor<4x2xf32>) -> tensor<4x3xf32>
// DROP:       %[[O0:.+]] = tensor.extract_slice %[[WO]][0, 0] [1, 4] [1, 1] : tensor<4x4xf32> to tensor<1x4xf32>
// DROP:       %[[O1:.+]] = tensor.extract_slice %[[WO]][2, 0] [2, 4] [1, 1] : tensor<4x4xf32> to tensor<2x4xf32>
// DROP:       %[[O:.+]] = tensor.concat dim(0) %[[O0]], %[[O1]] : (tensor<1x4xf32>, tensor<2x4xf32>) -> tensor<3x4xf32>
// DROP:       attn.mha %[[X]] weights(%[[Q]], %{{.+}}, %{{.+}}, %[[O]]) num_heads(3) num_kv_heads(3) head_dim(1) {attn.head_scores = array<f64: 1.000000e-01, 5.000000e-01, 2.000000e-01>}
func.func @attribute(%x: tensor<2x5x4xf32>, %wq: tensor<4x4xf32>, %wk: tensor<4x4xf32>,
                     %wo: tensor<4x4xf32>) -> tensor<2x5x4xf32> {
  %y = attn.mha %x weights(%wq, %wk, %wk, %wo) num_heads(4) head_dim(1)
      {attn.head_scores = array<f64: 0.1, 0.9, 0.5, 0.2>}
      : (tensor<2x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>) -> tensor<2x5x4xf32>
  return %y : tensor<2x5x4xf32>
}
