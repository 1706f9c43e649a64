//===- DecomposeAggregates.cpp - the attn-decompose-aggregates pass -------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNDECOMPOSEAGGREGATES
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;

namespace {
struct AttnDecomposeAggregates
    : attn::impl::AttnDecomposeAggregatesBase<AttnDecomposeAggregates> {
  using Base::Base;
  void runOnOperation() override {
    SmallVector<linalg::AggregatedOpInterface> ops;
    // attn.online_attention is an aggregate too, but the one attn-tile
    // makes for the vector kernel: its own passes lower it after tiling.
    getOperation()->walk([&](linalg::AggregatedOpInterface op) {
      if (!isa<attn::OnlineAttentionOp>(op))
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::AggregatedOpInterface op : ops) {
      rewriter.setInsertionPoint(op);
      FailureOr<SmallVector<Value>> results = op.decomposeOperation(rewriter);
      if (failed(results)) {
        op->emitError("attn-decompose-aggregates: the op did not decompose");
        return signalPassFailure();
      }
      rewriter.replaceOp(op, *results);
    }
  }
};
} // namespace
