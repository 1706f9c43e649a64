// attn-prune-heads: options and scores files that cannot be used are
// errors, and the module is left exactly as it was (printed here after the
// failure: no layer lost a head, no weight was sliced).
// RUN: not attn-opt %s --attn-prune-heads 2>&1 | FileCheck %s --check-prefix=NONE
// RUN: not attn-opt %s --attn-prune-heads="keep=2 ratio=0.5" 2>&1 | FileCheck %s --check-prefix=TWO
// RUN: not attn-opt %s --attn-prune-heads=ratio=1.5 2>&1 | FileCheck %s --check-prefix=RATIO
// RUN: not attn-opt %s --attn-prune-heads=keep=-1 2>&1 | FileCheck %s --check-prefix=NEGATIVE
// RUN: not attn-opt %s --attn-prune-heads=keep=0 2>&1 | FileCheck %s --check-prefix=KEEP0
// RUN: not attn-opt %s --attn-prune-heads=ratio=0 2>&1 | FileCheck %s --check-prefix=RATIO0
// RUN: not attn-opt %s --attn-prune-heads=ratio=abc 2>&1 | FileCheck %s --check-prefix=RATIOTEXT
// RUN: not attn-opt %s --attn-prune-heads=threshold=high 2>&1 | FileCheck %s --check-prefix=THRESHOLDTEXT
// RUN: not attn-opt %s --attn-prune-heads="keep=1 norm=l3" 2>&1 | FileCheck %s --check-prefix=NORM
// RUN: not attn-opt %s --attn-prune-heads="keep=1 gqa=evenly" 2>&1 | FileCheck %s --check-prefix=GQA
// RUN: not attn-opt %s --attn-prune-heads=drop=l0 2>&1 | FileCheck %s --check-prefix=ENTRY
// RUN: not attn-opt %s --attn-prune-heads=drop=l0:x 2>&1 | FileCheck %s --check-prefix=INDEX
// RUN: not attn-opt %s --attn-prune-heads=drop=l9:0 2>&1 | FileCheck %s --check-prefix=LAYER
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/no-such-file.json" 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-syntax.json" 2>&1 | FileCheck %s --check-prefix=SYNTAX
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-not-object.json" 2>&1 | FileCheck %s --check-prefix=NOTOBJECT
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-not-number.json" 2>&1 | FileCheck %s --check-prefix=NOTNUMBER
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-missing-head.json" 2>&1 | FileCheck %s --check-prefix=MISSINGHEAD
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-unknown-layer.json" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-count.json" 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not attn-opt %s --attn-prune-heads="keep=1 scores-file=%S/Inputs/prune-scores-head-range.json" 2>&1 | FileCheck %s --check-prefix=RANGE
// RUN: not attn-opt %s --attn-prune-heads=drop=*:0 --mlir-print-ir-after-failure 2>&1 | FileCheck %s --check-prefix=UNCHANGED

// NONE:        error: attn-prune-heads needs exactly one of keep, ratio, threshold and drop; got 0
// TWO:         error: attn-prune-heads needs exactly one of keep, ratio, threshold and drop; got 2
// RATIO:       error: ratio=1.5 must be in (0, 1]: the fraction of heads kept
// NEGATIVE:    error: keep=-1 must be positive
// An option value the pass cannot use is an error at the module (0:0, the
// implicit module's location) that says what it accepts, not a bare
// `<unknown>:0: error:` of MLIR's option parser.
// KEEP0:       options.mlir:0:0: error: keep=0 would leave no head: keep is the number of query heads each layer keeps, at least 1
// RATIO0:      options.mlir:0:0: error: ratio=0 would leave no head: ratio is the fraction of each layer's heads kept, 0 < ratio <= 1
// RATIOTEXT:   options.mlir:0:0: error: ratio=abc is not a number: ratio is the fraction of each layer's heads kept, 0 < ratio <= 1, e.g. ratio=0.5
// THRESHOLDTEXT: options.mlir:0:0: error: threshold=high is not a number: the heads whose score is >= threshold are kept, e.g. threshold=0.5
// NORM:        options.mlir:0:0: error: norm=l3 is not a norm this pass computes: expected l1 (sum of absolute values) or l2
// GQA:         options.mlir:0:0: error: gqa=evenly is not a way to prune grouped-query attention: expected groups or per-group
// KEEP0-NOT:   <unknown>
// RATIOTEXT-NOT: <unknown>
// NORM-NOT:    <unknown>
// ENTRY:       error: drop entry 'l0' is not <layer>:<head>[:<head>...]
// INDEX:       error: drop entry 'l0:x': 'x' is not a head index
// LAYER:       error: the drop list names layer 'l9', but no attn.mha has that name (layers: l0, one)
// MISSING:     error: cannot read scores file '{{.*}}no-such-file.json':
// SYNTAX:      error: scores file '{{.*}}prune-scores-syntax.json' is not valid JSON at [2:14, byte=16]: Expected , or ] after array element
// NOTOBJECT:   error: scores file '{{.*}}prune-scores-not-object.json' must hold a JSON object from layer names to scores
// NOTNUMBER:   error: scores file '{{.*}}prune-scores-not-number.json': layer 'l0': score 1 is not a finite number
// MISSINGHEAD: :[[@LINE+18]]:8: error: the scores file gives no score for head 1 of layer 'l0' (the layer has 4 heads, 0 to 3, and each needs one)
// UNKNOWN:     error: the scores file names layer 'decoder.7', but no attn.mha has that name (layers: l0, one)
// COUNT:       :[[@LINE+16]]:8: error: the scores file gives 3 scores for layer 'l0', which has 4 heads
// RANGE:       :[[@LINE+15]]:8: error: the scores file gives a score for head 7 of layer 'l0', but head 7 does not exist (the layer has 4 heads, 0 to 3)

// `drop=*:0` would take the only head of layer "one": an error at that
// layer, and l0, which could lose head 0, keeps it.
// UNCHANGED:   :[[@LINE+14]]:9: error: cannot prune layer 'one': the drop list would remove all 1 heads
// UNCHANGED:   IR Dump After AttnPruneHeads Failed
// UNCHANGED:   attn.weight @l0.wq = dense<{{.+}}> : tensor<4x4xf32>
// UNCHANGED-NOT: pruned
// UNCHANGED:   num_heads(4) num_kv_heads(4)
// UNCHANGED:   num_heads(1) num_kv_heads(1)

attn.weight @l0.wq = dense<[[1.0, 0.0, 3.0, 0.5], [1.0, 0.25, 0.0, 0.5], [1.0, 0.0, 3.0, 0.5], [1.0, 0.25, 0.0, 0.5]]> : tensor<4x4xf32>
func.func @layers(%x: tensor<1x3x4xf32>, %w: tensor<4x4xf32>, %x1: tensor<1x3x1xf32>, %w1: tensor<1x1xf32>)
    -> (tensor<1x3x4xf32>, tensor<1x3x1xf32>) {
  %wq = attn.weight_ref @l0.wq : tensor<4x4xf32>
  %y = attn.mha name "l0" %x weights(%wq, %w, %w, %w) num_heads(4) head_dim(1)
      : (tensor<1x3x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>) -> tensor<1x3x4xf32>
  %y1 = attn.mha name "one" %x1 weights(%w1, %w1, %w1, %w1) num_heads(1) head_dim(1)
      : (tensor<1x3x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>,
         tensor<1x1xf32>) -> tensor<1x3x1xf32>
  return %y, %y1 : tensor<1x3x4xf32>, tensor<1x3x1xf32>
}
