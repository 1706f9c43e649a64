// attn-run and attn-compile take MLIR's debugging flags, as mlir-opt and
// iree-compile do, and apply them to the lowering.
// RUN: attn-run %s --function sdpa --mlir-print-ir-after=attn-tile 2>&1 | FileCheck %s --check-prefix=AFTER
// AFTER: IR Dump After AttnTile (attn-tile)
// AFTER: attn.online_attention
// AFTER: result 0: 1x2x8x16 f32
// RUN: attn-compile %s --function sdpa -o %t.o --mlir-print-ir-after-all 2>&1 | FileCheck %s --check-prefix=ALL
// ALL: IR Dump After AttnTile (attn-tile)
// ALL: IR Dump After AttnSetCpuTarget (attn-set-cpu-target)
// RUN: attn-run %s --function sdpa --mlir-timing 2>&1 | FileCheck %s --check-prefix=TIMING
// TIMING: Execution time report
// TIMING: AttnTile
// A lowering that fails (here: a vector width too large for the attention
// kernel) prints the IR the failing pass was given.
// RUN: not attn-run %s --function sdpa --pipeline-options=vector-lanes=4096 --mlir-print-ir-after-failure 2>&1 | FileCheck %s --check-prefix=FAILURE
// FAILURE: error: attn-vectorize-online-attention: vector-lanes=4096 {{.*}} is too large
// FAILURE: IR Dump After AttnVectorizeOnlineAttention Failed (attn-vectorize-online-attention)
// FAILURE: attn.online_attention
// FAILURE: attn-run: error: lowering @sdpa through attn-cpu-pipeline failed
// --help lists them in a category of their own.
// RUN: attn-run --help | FileCheck %s --check-prefix=HELP
// RUN: attn-compile --help | FileCheck %s --check-prefix=HELP
// HELP: MLIR debugging
// HELP-DAG: --mlir-print-ir-after-all
// HELP-DAG: --mlir-print-ir-after-failure
// HELP-DAG: --mlir-timing
// HELP-DAG: --mlir-disable-threading
// HELP-DAG: --mlir-print-debuginfo

func.func @sdpa(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
                %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
