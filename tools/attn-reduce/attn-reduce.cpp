//===- attn-reduce.cpp - mlir-reduce with attn's dialects and passes ------===//
//
// MLIR's test-case reducer (MlirReduceMain) with the attn dialect and every
// dialect and pass attn-opt has, so a .mlir file that makes attn-opt,
// attn-run or attn-compile fail can be shrunk to the functions and ops that
// still make it fail: `attn-reduce in.mlir --reduction-tree='traversal-mode=0
// test=is-interesting.sh' -o small.mlir` (docs/robustness.md shows it on a
// real example). It deletes functions and ops whose results are unused;
// attn registers no reduction patterns (replacing an attn op by one of its
// operands crashed upstream's reducer in ReductionNode::initialize).
//
//===----------------------------------------------------------------------===//

#include "attn/Init/InitAttn.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Tools/mlir-reduce/MlirReduceMain.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  mlir::attn::registerAttnPasses();
  mlir::DialectRegistry registry;
  mlir::attn::registerAttnDialects(registry);
  mlir::MLIRContext context(registry);
  return mlir::failed(mlir::mlirReduceMain(argc, argv, context));
}
