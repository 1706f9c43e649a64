//===- DecomposeLayers.cpp - the attn-decompose-layers pass --------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNDECOMPOSELAYERS
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

void mlir::attn::populateAttnDecomposeLayersPatterns(
    RewritePatternSet &patterns) {
  populateAttnDecomposeMhaPatterns(patterns);
  populateAttnDecomposeResidualPatterns(patterns);
}

namespace {

struct AttnDecomposeLayers
    : attn::impl::AttnDecomposeLayersBase<AttnDecomposeLayers> {
  using Base::Base;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateAttnDecomposeLayersPatterns(patterns);
    // Only the layer ops are rewritten: folding and constant hoisting would
    // also touch the ops around them, which is canonicalize's job.
    GreedyRewriteConfig config;
    config.enableFolding(false);
    config.enableConstantCSE(false);
    config.setRegionSimplificationLevel(GreedySimplifyRegionLevel::Disabled);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns),
                                     config))) {
      getOperation()->emitError("attn-decompose-layers did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
