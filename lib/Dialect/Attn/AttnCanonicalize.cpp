//===- AttnCanonicalize.cpp - canonicalization patterns -------------------===//
//
// Operands that provably do nothing are dropped: a keep-mask that keeps
// everything, an additive mask or a bias that is a splat zero. Later passes
// (tiling, lowering) then do not spend work on them.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::attn;

/// True when `v` is a constant that adds nothing: a splat zero float tensor.
static bool isSplatZero(Value v) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) || !attr.isSplat() ||
      !isa<FloatType>(attr.getElementType()))
    return false;
  return attr.getSplatValue<APFloat>().isZero();
}

/// True when `v` is a mask that masks nothing: an all-true keep-mask or a
/// splat zero additive mask.
static bool isTrivialMask(Value v) {
  DenseElementsAttr attr;
  if (!v || !matchPattern(v, m_Constant(&attr)) || !attr.isSplat())
    return false;
  if (attr.getElementType().isInteger(1))
    return attr.getSplatValue<bool>();
  return isSplatZero(v);
}

namespace {

template <typename OpTy> struct DropTrivialMask : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    if (!isTrivialMask(op.getMask()))
      return failure();
    rewriter.modifyOpInPlace(op, [&] { op.getMaskMutable().clear(); });
    return success();
  }
};

struct DropZeroMhaBias : OpRewritePattern<MhaOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MhaOp op,
                                PatternRewriter &rewriter) const override {
    // One bias per application: clearing an operand shifts the segments of
    // the ones after it, so each range is taken fresh.
    for (auto getBias : {&MhaOp::getBqMutable, &MhaOp::getBkMutable,
                         &MhaOp::getBvMutable, &MhaOp::getBoMutable}) {
      MutableOperandRange bias = (op.*getBias)();
      if (bias.empty() || !isSplatZero(bias[0].get()))
        continue;
      rewriter.modifyOpInPlace(op, [&] { (op.*getBias)().clear(); });
      return success();
    }
    return failure();
  }
};

} // namespace

void SdpaOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                         MLIRContext *context) {
  results.add<DropTrivialMask<SdpaOp>>(context);
}

void MhaOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                        MLIRContext *context) {
  results.add<DropTrivialMask<MhaOp>, DropZeroMhaBias>(context);
}
