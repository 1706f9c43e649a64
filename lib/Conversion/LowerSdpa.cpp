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
#include "attn/Dialect/Attn/AttnShapes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/StringSwitch.h"

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
  SdpaDims d = SdpaDims::get(op.getQuery().getType(), op.getKey().getType(),
                             op.getValue().getType());
  if (!ShapedType::isDynamic(d.queryHeads) && !ShapedType::isDynamic(d.kvHeads))
    return success();
  reason = "attn-lower-sdpa needs static query and key/value head counts to "
           "map query heads to key/value heads";
  return failure();
}

//===----------------------------------------------------------------------===//
// Small builders
//===----------------------------------------------------------------------===//

static Value f32Const(OpBuilder &b, Location loc, double value) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(value));
}

static Value toF32(OpBuilder &b, Location loc, Value v) {
  return convertScalarToDtype(b, loc, v, b.getF32Type(),
                              /*isUnsignedCast=*/false);
}

/// An f32 tensor of `sizes` filled with `value`.
static Value filled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                    double value) {
  Value empty = tensor::EmptyOp::create(b, loc, sizes, b.getF32Type());
  return linalg::FillOp::create(b, loc, f32Const(b, loc, value), empty)
      .getResult(0);
}

/// A size as an index value (a constant when static).
static Value indexValue(OpBuilder &b, Location loc, OpFoldResult size) {
  return getValueOrCreateConstantIndexOp(b, loc, size);
}

/// One linalg.generic with a single result; `body` returns the yielded
/// scalar.
static Value
generic(OpBuilder &b, Location loc, ValueRange inputs, Value init,
        ArrayRef<AffineMap> maps, ArrayRef<IteratorType> iterators,
        function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  auto op = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, maps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        linalg::YieldOp::create(nb, nl, body(nb, nl, args));
      });
  return op.getResult(0);
}

/// The map reading a mask of rank ≤ 4 from the score dims (b, h, i, j):
/// right-aligned, with static size-1 dims broadcast (read at index 0). A
/// dynamic mask dim is read as full-size: it must equal the scores' dim at
/// run time.
static AffineMap maskMap(MLIRContext *ctx, RankedTensorType mask) {
  int64_t lead = 4 - mask.getRank();
  SmallVector<AffineExpr> exprs;
  for (auto [i, size] : llvm::enumerate(mask.getShape()))
    exprs.push_back(size == 1 ? getAffineConstantExpr(0, ctx)
                              : getAffineDimExpr(lead + i, ctx));
  return AffineMap::get(4, 0, exprs, ctx);
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
    SdpaDims dims =
        SdpaDims::get(op.getQuery().getType(), op.getKey().getType(),
                      op.getValue().getType());

    SmallVector<OpFoldResult> qSizes = tensor::getMixedSizes(b, loc, q);
    OpFoldResult kvSeq = tensor::getMixedSize(b, loc, k, 2);
    SmallVector<OpFoldResult> scoreSizes = {qSizes[0], qSizes[1], qSizes[2],
                                            kvSeq};
    SmallVector<OpFoldResult> rowSizes = {qSizes[0], qSizes[1], qSizes[2]};
    SmallVector<OpFoldResult> outSizes = {qSizes[0], qSizes[1], qSizes[2],
                                          tensor::getMixedSize(b, loc, v, 3)};

    // Loop dims: (b, h, i, x, y) with x, y the two inner dims of each step.
    AffineExpr bd = b.getAffineDimExpr(0), h = b.getAffineDimExpr(1),
               i = b.getAffineDimExpr(2), x = b.getAffineDimExpr(3),
               y = b.getAffineDimExpr(4);
    // Query head h reads key/value head h floordiv (Hq/Hkv).
    AffineExpr kvHead = h.floorDiv(dims.groupSize());
    auto map = [&](ArrayRef<AffineExpr> exprs, unsigned numDims) {
      return AffineMap::get(numDims, 0, exprs, ctx);
    };
    AffineMap id4 = b.getMultiDimIdentityMap(4);
    AffineMap row4 = map({bd, h, i}, 4);
    SmallVector<IteratorType> parallel4(4, kPar);
    SmallVector<IteratorType> reduceLast4 = {kPar, kPar, kPar, kRed};
    SmallVector<IteratorType> reduceLast5 = {kPar, kPar, kPar, kPar, kRed};
    Value zero = f32Const(b, loc, 0.0), negInf = f32Const(b, loc, kNegInf);
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
    // exp(s − m), but 0 for a masked key. Testing s (not exp's result) also
    // keeps fully masked rows at 0: there m = -inf and s − m is NaN.
    auto expMasked = [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      Value s = a[1], m = a[0];
      Value masked =
          arith::CmpFOp::create(nb, nl, arith::CmpFPredicate::OEQ, s, negInf);
      Value e =
          math::ExpOp::create(nb, nl, arith::SubFOp::create(nb, nl, s, m));
      return arith::SelectOp::create(nb, nl, masked, zero, e);
    };
    // acc / l, but 0 where l == 0 (a fully masked row), in the output type.
    auto normalize = [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      Value acc = a[0], l = a[1];
      Value empty =
          arith::CmpFOp::create(nb, nl, arith::CmpFPredicate::OEQ, l, zero);
      Value o = arith::SelectOp::create(nb, nl, empty, zero,
                                        arith::DivFOp::create(nb, nl, acc, l));
      return convertScalarToDtype(nb, nl, o, outElement,
                                  /*isUnsignedCast=*/false);
    };

    // 1. s[b,h,i,j] = Σ_d Q[b,h,i,d]·K[b,g(h),j,d]   (x = j, y = d)
    Value scores = generic(b, loc, {q, k}, filled(b, loc, scoreSizes, 0.0),
                           {map({bd, h, i, y}, 5), map({bd, kvHead, x, y}, 5),
                            map({bd, h, i, x}, 5)},
                           reduceLast5, multiplyAdd);
    // 2. s = s·scale (+ bias), -inf for every masked key (in place).
    scores = scaleAndMask(b, loc, op, adaptor.getMask(), scores, q, k);
    // 3. m[b,h,i] = max_j s
    Value rowMax = generic(b, loc, scores, filled(b, loc, rowSizes, kNegInf),
                           {id4, row4}, reduceLast4, maximum);
    // 4. p = exp(s − m), 0 for masked keys (in place).
    Value probs =
        generic(b, loc, rowMax, scores, {row4, id4}, parallel4, expMasked);
    // 5. l[b,h,i] = Σ_j p
    Value rowSum = generic(b, loc, probs, filled(b, loc, rowSizes, 0.0),
                           {id4, row4}, reduceLast4, sum);
    // 6. acc[b,h,i,e] = Σ_j p[b,h,i,j]·V[b,g(h),j,e]   (x = e, y = j)
    Value acc = generic(b, loc, {probs, v}, filled(b, loc, outSizes, 0.0),
                        {map({bd, h, i, y}, 5), map({bd, kvHead, y, x}, 5),
                         map({bd, h, i, x}, 5)},
                        reduceLast5, multiplyAdd);
    // 7. o = acc / l in the output element type.
    Value outInit = tensor::EmptyOp::create(b, loc, outSizes, outElement);
    Value out = generic(b, loc, {acc, rowSum}, outInit, {id4, row4, id4},
                        parallel4, normalize);

    if (out.getType() != op.getType())
      out = tensor::CastOp::create(b, loc, op.getType(), out);
    rewriter.replaceOp(op, out);
    return success();
  }

private:
  /// Step 2: s·scale (+ bias), and -inf where the keep-mask is false or the
  /// causal rule hides the key.
  Value scaleAndMask(OpBuilder &b, Location loc, SdpaOp op, Value mask,
                     Value scores, Value q, Value k) const {
    Value scale = f32Const(b, loc, op.getEffectiveScale());

    // The causal limit i + offset, offset defaulting to Skv − Sq: a constant
    // when both lengths are static, else read at run time.
    Value offset;
    if (op.getCausal()) {
      OpFoldResult skv = tensor::getMixedSize(b, loc, k, 2);
      OpFoldResult sq = tensor::getMixedSize(b, loc, q, 2);
      std::optional<int64_t> staticSkv = getConstantIntValue(skv),
                             staticSq = getConstantIntValue(sq);
      if (std::optional<int64_t> attr = op.getCausalOffset()) {
        offset = arith::ConstantIndexOp::create(b, loc, *attr);
      } else if (staticSkv && staticSq) {
        offset = arith::ConstantIndexOp::create(b, loc, *staticSkv - *staticSq);
      } else {
        offset = arith::SubIOp::create(b, loc, indexValue(b, loc, skv),
                                       indexValue(b, loc, sq));
      }
    }

    SmallVector<Value> inputs;
    SmallVector<AffineMap> maps;
    bool keepMask = false;
    if (mask) {
      auto maskType = cast<RankedTensorType>(mask.getType());
      keepMask = maskType.getElementType().isInteger(1);
      inputs.push_back(mask);
      maps.push_back(maskMap(b.getContext(), maskType));
    }
    maps.push_back(b.getMultiDimIdentityMap(4));

    Value negInf = f32Const(b, loc, kNegInf);
    auto body = [&](OpBuilder &nb, Location nl, ValueRange a) -> Value {
      Value s = arith::MulFOp::create(nb, nl, a.back(), scale);
      if (mask && !keepMask)
        s = arith::AddFOp::create(nb, nl, s, toF32(nb, nl, a[0]));
      if (keepMask)
        s = arith::SelectOp::create(nb, nl, a[0], s, negInf);
      if (offset) {
        Value qi = linalg::IndexOp::create(nb, nl, 2);
        Value kj = linalg::IndexOp::create(nb, nl, 3);
        Value limit = arith::AddIOp::create(nb, nl, qi, offset);
        Value hidden =
            arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::sgt, kj, limit);
        s = arith::SelectOp::create(nb, nl, hidden, negInf, s);
      }
      return s;
    };
    return generic(b, loc, inputs, scores, maps,
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
