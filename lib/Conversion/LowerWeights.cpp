//===- LowerWeights.cpp - attn.weight → memref.global --------------------===//
//
// Weights become read-only globals that bufferization reads in place: the
// global keeps the weight's symbol name, so every attn.weight_ref (however
// many share the weight) reads the one global.
//
//===----------------------------------------------------------------------===//

#include "attn/Conversion/Passes.h"
#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNLOWERWEIGHTS
#include "attn/Conversion/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

/// Cache-line (and AVX-512 vector) alignment, so kernels may use aligned
/// loads on weights.
static constexpr int64_t kWeightAlignment = 64;

static MemRefType memrefFor(RankedTensorType type) {
  return MemRefType::get(type.getShape(), type.getElementType());
}

namespace {

struct LowerWeight : OpConversionPattern<WeightOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(WeightOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<memref::GlobalOp>(
        op, op.getSymName(), rewriter.getStringAttr("private"),
        memrefFor(op.getType()), op.getValue(), /*constant=*/true,
        rewriter.getI64IntegerAttr(kWeightAlignment));
    return success();
  }
};

struct LowerWeightRef : OpConversionPattern<WeightRefOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(WeightRefOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Value global = memref::GetGlobalOp::create(rewriter, op.getLoc(),
                                               memrefFor(type), op.getWeight());
    // `restrict` lets one-shot bufferization read the global in place. Refs
    // sharing a weight give several such tensors of one global, which is
    // sound only because none is writable: a write into one gets a copy,
    // never the constant.
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, type, global, /*restrict=*/true, /*writable=*/false);
    return success();
  }
};

struct AttnLowerWeights : attn::impl::AttnLowerWeightsBase<AttnLowerWeights> {
  using Base::Base;

  void runOnOperation() override {
    ConversionTarget target(getContext());
    target.addIllegalOp<WeightOp, WeightRefOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateAttnLowerWeightsPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::attn::populateAttnLowerWeightsPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerWeight, LowerWeightRef>(patterns.getContext());
}
