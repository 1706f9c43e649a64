//===- DecomposeResidual.cpp - attn.residual → add and layer norms -------===//
//
// The residual block's body is inlined where the op stood; what remains is
// the residual add and, for pre/post norm, a layer norm over the last dim.
// Both are linalg.generic ops that compute in f32 and round to the input's
// element type once, at the end.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/TensorBuilders.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::attn;

/// `lhs + rhs`, element-wise, computed in f32 and rounded once to the
/// element type of `lhs`.
static Value addTensors(OpBuilder &b, Location loc, Value lhs, Value rhs) {
  auto type = cast<RankedTensorType>(lhs.getType());
  Value init = emptyTensor(b, loc, tensor::getMixedSizes(b, loc, lhs),
                           type.getElementType());
  AffineMap id = b.getMultiDimIdentityMap(type.getRank());
  return buildElementwise(
      b, loc, {lhs, rhs}, {id, id}, init,
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value sum = arith::AddFOp::create(nb, nl, toF32(nb, nl, args[0]),
                                          toF32(nb, nl, args[1]));
        return fromF32(nb, nl, sum, type.getElementType());
      });
}

/// Σ over the last dim of `term(inputs)`, into an f32 tensor of the leading
/// dims; `inputs` are read with `maps`.
static Value
reduceLastDim(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> rowSizes,
              ValueRange inputs, ArrayRef<AffineMap> maps, unsigned rank,
              function_ref<Value(OpBuilder &, Location, ValueRange)> term) {
  Value init = filledF32(b, loc, rowSizes, 0.0);
  SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(rank).getMajorSubMap(rank - 1));
  SmallVector<utils::IteratorType> iterators(rank - 1,
                                             utils::IteratorType::parallel);
  iterators.push_back(utils::IteratorType::reduction);
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), inputs, init, allMaps, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value sum = arith::AddFOp::create(nb, nl, args.back(),
                                          term(nb, nl, args.drop_back()));
        linalg::YieldOp::create(nb, nl, sum);
      });
  return generic.getResult(0);
}

/// Layer norm over the last dim: (x − mean) · rsqrt(var + eps) · gamma + beta,
/// with the biased variance. Mean and variance take two passes (sum, then
/// the sum of squared deviations), which stays accurate where E[x²] − E[x]²
/// would cancel.
static Value layerNorm(OpBuilder &b, Location loc, Value x, Value gamma,
                       Value beta, double epsilon) {
  auto type = cast<RankedTensorType>(x.getType());
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, x);
  ArrayRef<OpFoldResult> rowSizes = ArrayRef(sizes).drop_back();

  // 1/N as an f32; read at run time when N is dynamic.
  Value invN;
  if (std::optional<int64_t> staticN = getConstantIntValue(sizes.back())) {
    invN = f32Constant(b, loc, 1.0 / static_cast<double>(*staticN));
  } else {
    Value size = getValueOrCreateConstantIndexOp(b, loc, sizes.back());
    Value n = arith::IndexCastUIOp::create(b, loc, b.getI64Type(), size);
    n = arith::UIToFPOp::create(b, loc, b.getF32Type(), n);
    invN = arith::DivFOp::create(b, loc, f32Constant(b, loc, 1.0), n);
  }

  AffineMap full = b.getMultiDimIdentityMap(rank);
  AffineMap row = full.getMajorSubMap(rank - 1);
  AffineMap last = full.getMinorSubMap(1);

  Value sum =
      reduceLastDim(b, loc, rowSizes, x, full, rank,
                    [](OpBuilder &nb, Location nl, ValueRange args) -> Value {
                      return toF32(nb, nl, args[0]);
                    });
  Value sq = reduceLastDim(
      b, loc, rowSizes, {x, sum}, {full, row}, rank,
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value mean = arith::MulFOp::create(nb, nl, args[1], invN);
        Value d = arith::SubFOp::create(nb, nl, toF32(nb, nl, args[0]), mean);
        return arith::MulFOp::create(nb, nl, d, d);
      });

  Value eps = f32Constant(b, loc, epsilon);
  Value init = emptyTensor(b, loc, sizes, type.getElementType());
  return buildElementwise(
      b, loc, {x, sum, sq, gamma, beta}, {full, row, row, last, last}, init,
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value mean = arith::MulFOp::create(nb, nl, args[1], invN);
        Value var = arith::MulFOp::create(nb, nl, args[2], invN);
        Value rstd = math::RsqrtOp::create(
            nb, nl, arith::AddFOp::create(nb, nl, var, eps));
        Value d = arith::SubFOp::create(nb, nl, toF32(nb, nl, args[0]), mean);
        Value y = arith::MulFOp::create(nb, nl, d, rstd);
        y = arith::MulFOp::create(nb, nl, y, toF32(nb, nl, args[3]));
        y = arith::AddFOp::create(nb, nl, y, toF32(nb, nl, args[4]));
        return fromF32(nb, nl, y, type.getElementType());
      });
}

namespace {

struct DecomposeResidual : OpRewritePattern<ResidualOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(ResidualOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    std::optional<NormPlacement> norm = op.getNorm();
    double eps = op.getEpsilon().convertToDouble();
    auto normed = [&](Value v) {
      return layerNorm(rewriter, loc, v, op.getGamma(), op.getBeta(), eps);
    };

    Value bodyInput = norm == NormPlacement::Pre ? normed(x) : x;
    YieldOp yield = op.getYield();
    rewriter.inlineBlockBefore(&op.getBody().front(), op, bodyInput);
    // Read F(x) only now: a body that yields its argument yields bodyInput.
    Value fx = yield.getValue();
    rewriter.eraseOp(yield);

    Value y = addTensors(rewriter, loc, x, fx);
    if (norm == NormPlacement::Post)
      y = normed(y);
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void mlir::attn::populateAttnDecomposeResidualPatterns(
    RewritePatternSet &patterns) {
  patterns.add<DecomposeResidual>(patterns.getContext());
}
