//===- DecomposeOnlineAttention.cpp - attn-decompose-online-attention -----===//
//
// A thin driver: each attn.online_attention is replaced by its own
// decomposition (AggregatedOpInterface, lib/Dialect/Attn), the portable
// path for what the vector kernel does not take.
//
//===----------------------------------------------------------------------===//

#include "attn/Conversion/Passes.h"
#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNDECOMPOSEONLINEATTENTION
#include "attn/Conversion/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

struct DecomposeOnlineAttention : OpRewritePattern<OnlineAttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(OnlineAttentionOp op,
                                PatternRewriter &rewriter) const override {
    FailureOr<SmallVector<Value>> results = op.decomposeOperation(rewriter);
    if (failed(results))
      return rewriter.notifyMatchFailure(op, "did not decompose");
    rewriter.replaceOp(op, *results);
    return success();
  }
};

struct AttnDecomposeOnlineAttention
    : attn::impl::AttnDecomposeOnlineAttentionBase<
          AttnDecomposeOnlineAttention> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateAttnDecomposeOnlineAttentionPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::attn::populateAttnDecomposeOnlineAttentionPatterns(
    RewritePatternSet &patterns) {
  patterns.add<DecomposeOnlineAttention>(patterns.getContext());
}
