//===- LowerSdpa.cpp - attn.sdpa → untiled linalg on tensors -------------===//
//
// The reference lowering of scaled dot-product attention: seven
// linalg.generic ops that materialize the B×Hq×Sq×Skv scores in f32 and
// apply a masked, numerically stable softmax. Head grouping (GQA/MQA) and
// mask broadcasting live in the indexing maps, so no K/V or mask copies are
// made. Its job is to be obviously right; speed is the tiled lowering's.
//
//===----------------------------------------------------------------------===//

#include "attn/Conversion/Passes.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/SdpaRuntimeShapes.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include <limits>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNLOWERSDPA
#include "attn/Conversion/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;
static constexpr IteratorType kPar = IteratorType::parallel;
static constexpr IteratorType kRed = IteratorType::reduction;
static constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// The head grouping becomes an affine map, which needs its divisor at
/// compile time; everything else may be dynamic.
static LogicalResult checkLowerable(SdpaOp op, std::string &reason) {
  SdpaDims d = SdpaDims::get(op);
  if (!ShapedType::isDynamic(d.queryHeads) && !ShapedType::isDynamic(d.kvHeads))
    return success();
  reason = "attn-lower-sdpa needs static query and key/value head counts to "
           "map query heads to key/value heads";
  return failure();
}

//===----------------------------------------------------------------------===//
// The lowering
//===----------------------------------------------------------------------===//

namespace {

struct LowerSdpa : OpConversionPattern<SdpaOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(SdpaOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    std::string reason;
    if (failed(checkLowerable(op, reason)))
      return rewriter.notifyMatchFailure(op, reason);

    OpBuilder &b = rewriter;
    Location loc = op.getLoc();
    MLIRContext *ctx = b.getContext();
    Value q = adaptor.getQuery(), k = adaptor.getKey(), v = adaptor.getValue();
    SdpaDims dims = SdpaDims::get(op);
    SdpaSizes sizes = SdpaSizes::get(b, loc, q, k, v);
    SmallVector<OpFoldResult> scoreSizes = sizes.scores();
    SmallVector<OpFoldResult> rowSizes = sizes.rows();
    SmallVector<OpFoldResult> outSizes = sizes.result();
    // Dynamic sizes that disagree fail a check instead of reading past a
    // buffer; a dynamic mask dim of runtime size 1 broadcasts.
    emitSdpaShapeChecks(b, loc, op, sizes);
    Value mask =
        broadcastDynamicMaskDims(b, loc, adaptor.getMask(), scoreSizes);

    // Loop dims: (b, h, i, x, y) with x, y the two inner dims of each step.
    AffineExpr bd = b.getAffineDimExpr(0), h = b.getAffineDimExpr(1),
               i = b.getAffineDimExpr(2), x = b.getAffineDimExpr(3),
               y = b.getAffineDimExpr(4);
    // Query head h reads key/value head h floordiv (Hq/Hkv).
    AffineExpr kvHead = kvHeadOf(h, dims.groupSize());
    auto map = [&](ArrayRef<AffineExpr> exprs, unsigned numDims) {
      return AffineMap::get(numDims, 0, exprs, ctx);
    };
    AffineMap id4 = b.getMultiDimIdentityMap(4);
    AffineMap row4 = map({bd, h, i}, 4);
    SmallVector<IteratorType> parallel4(4, kPar);
    SmallVector<IteratorType> reduceLast4 = {kPar, kPar, kPar, kRed};
    SmallVector<IteratorType> reduceLast5 = {kPar, kPar, kPar, kPar, kRed};
    Type outElement = op.getType().getElementType();

    // acc + x·y, widening x and y to f32.
    auto multiplyAdd = [](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      Value prod = arith::MulFOp::create(nb, nl, toF32(nb, nl, a[0]),
                                         toF32(nb, nl, a[1]));
      return arith::AddFOp::create(nb, nl, a[2], prod);
    };
    auto maximum = [](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      return arith::MaximumFOp::create(nb, nl, a[0], a[1]);
    };
    auto sum = [](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      return arith::AddFOp::create(nb, nl, a[0], a[1]);
    };
    // exp(s − m), 0 for a masked key (also in a fully masked row).
    auto expMasked = [](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      return buildSafeExp(nb, nl, a[1], a[0]);
    };
    // acc / l, 0 for a fully masked row, in the output type.
    auto normalize = [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      return fromF32(nb, nl, buildSafeDivide(nb, nl, a[0], a[1]), outElement);
    };
    auto generic =
        [&](ValueRange inputs, Value init, ArrayRef<AffineMap> maps,
            ArrayRef<IteratorType> iterators,
            function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
          return buildGeneric(b, loc, inputs, init, maps, iterators, body);
        };

    // 1. s[b,h,i,j] = Σ_d Q[b,h,i,d]·K[b,g(h),j,d]   (x = j, y = d)
    Value scores = generic({q, k}, filledF32(b, loc, scoreSizes, 0.0),
                           {map({bd, h, i, y}, 5), map({bd, kvHead, x, y}, 5),
                            map({bd, h, i, x}, 5)},
                           reduceLast5, multiplyAdd);
    // 2. s = s·scale (+ bias), -inf for every masked key (in place).
    scores = scaleAndMask(b, loc, op, mask, scores, sizes);
    // 3. m[b,h,i] = max_j s
    Value rowMax = generic(scores, filledF32(b, loc, rowSizes, kNegInf),
                           {id4, row4}, reduceLast4, maximum);
    // 4. p = exp(s − m), 0 for masked keys (in place).
    Value probs = generic(rowMax, scores, {row4, id4}, parallel4, expMasked);
    // 5. l[b,h,i] = Σ_j p
    Value rowSum = generic(probs, filledF32(b, loc, rowSizes, 0.0), {id4, row4},
                           reduceLast4, sum);
    // 6. acc[b,h,i,e] = Σ_j p[b,h,i,j]·V[b,g(h),j,e]   (x = e, y = j)
    Value acc = generic({probs, v}, filledF32(b, loc, outSizes, 0.0),
                        {map({bd, h, i, y}, 5), map({bd, kvHead, y, x}, 5),
                         map({bd, h, i, x}, 5)},
                        reduceLast5, multiplyAdd);
    // 7. o = acc / l in the output element type.
    Value outInit = emptyTensor(b, loc, outSizes, outElement);
    Value out =
        generic({acc, rowSum}, outInit, {id4, row4, id4}, parallel4, normalize);

    if (out.getType() != op.getType())
      out = tensor::CastOp::create(b, loc, op.getType(), out);
    rewriter.replaceOp(op, out);
    return success();
  }

private:
  /// Step 2: s·scale (+ bias), and -inf where the keep-mask is false or the
  /// causal rule hides the key.
  Value scaleAndMask(OpBuilder &b, Location loc, SdpaOp op, Value mask,
                     Value scores, const SdpaSizes &sizes) const {
    Value scale = f32Constant(b, loc, op.getEffectiveScale());
    Value offset;
    if (OpFoldResult attr = getEffectiveCausalOffset(b, loc, op, sizes))
      offset = getValueOrCreateConstantIndexOp(b, loc, attr);

    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    if (mask) {
      inputs.push_back(mask);
      maps.push_back(maskBroadcastMap(cast<RankedTensorType>(mask.getType())));
    }
    maps.push_back(b.getMultiDimIdentityMap(4));

    auto body = [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      auto causal = [&](OpBuilder &cb, Location cl) {
        return buildCausallyHiddenInGeneric(cb, cl, sdpa_dim::kSeq,
                                            sdpa_dim::kKeys, offset);
      };
      return buildMaskedScore(
          nb, nl, a.back(), scale, mask ? a[0] : Value(),
          offset ? function_ref<Value(OpBuilder &, Location)>(causal)
                 : nullptr);
    };
    return buildGeneric(b, loc, inputs, scores, maps,
                        SmallVector<IteratorType>(4, kPar), body);
  }
};

struct AttnLowerSdpa : attn::impl::AttnLowerSdpaBase<AttnLowerSdpa> {
  using Base::Base;

  void runOnOperation() override {
    // Say why an op cannot be lowered, at the op, rather than the
    // conversion driver's generic "failed to legalize".
    bool unsupported = false;
    getOperation()->walk([&](SdpaOp op) {
      std::string reason;
      if (failed(checkLowerable(op, reason))) {
        op.emitError(reason);
        unsupported = true;
      }
    });
    if (unsupported)
      return signalPassFailure();

    ConversionTarget target(getContext());
    target.addIllegalOp<SdpaOp>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(&getContext());
    populateAttnLowerSdpaPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void mlir::attn::populateAttnLowerSdpaPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerSdpa>(patterns.getContext());
}
