//===- AttnSemantics.cpp - what an attention problem is -------------------===//

#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::sdpa_dim;

//===----------------------------------------------------------------------===//
// Dimensions
//===----------------------------------------------------------------------===//

/// The first static size among `sizes`, or kDynamic.
static int64_t firstStatic(std::initializer_list<int64_t> sizes) {
  for (int64_t s : sizes)
    if (!ShapedType::isDynamic(s))
      return s;
  return ShapedType::kDynamic;
}

SdpaDims SdpaDims::get(RankedTensorType query, RankedTensorType key,
                       RankedTensorType value) {
  ArrayRef<int64_t> q = query.getShape(), k = key.getShape(),
                    v = value.getShape();
  SdpaDims d;
  d.batch = firstStatic({q[kBatch], k[kBatch], v[kBatch]});
  d.queryHeads = q[kHeads];
  d.kvHeads = firstStatic({k[kHeads], v[kHeads]});
  d.querySeq = q[kSeq];
  d.kvSeq = firstStatic({k[kSeq], v[kSeq]});
  d.headDim = firstStatic({q[kFeature], k[kFeature]});
  d.valueDim = v[kFeature];
  return d;
}

SdpaDims SdpaDims::get(SdpaOp op) {
  return get(op.getQuery().getType(), op.getKey().getType(),
             op.getValue().getType());
}

int64_t SdpaDims::groupSize() const {
  if (ShapedType::isDynamic(queryHeads) || ShapedType::isDynamic(kvHeads) ||
      kvHeads == 0)
    return ShapedType::kDynamic;
  return queryHeads / kvHeads;
}

SmallVector<int64_t> SdpaDims::scoresShape() const {
  return {batch, queryHeads, querySeq, kvSeq};
}

SdpaSizes SdpaSizes::get(OpBuilder &b, Location loc, Value query, Value key,
                         Value value) {
  auto size = [&](Value t, unsigned dim) {
    return tensor::getMixedSize(b, loc, t, dim);
  };
  SdpaSizes s;
  s.batch = size(query, kBatch);
  s.queryHeads = size(query, kHeads);
  s.kvHeads = size(key, kHeads);
  s.querySeq = size(query, kSeq);
  s.kvSeq = size(key, kSeq);
  s.headDim = size(query, kFeature);
  s.valueDim = size(value, kFeature);
  return s;
}

SdpaSizes SdpaSizes::get(OpBuilder &b, Location loc, SdpaOp op) {
  return get(b, loc, op.getQuery(), op.getKey(), op.getValue());
}

SmallVector<OpFoldResult> SdpaSizes::rows() const {
  return {batch, queryHeads, querySeq};
}
SmallVector<OpFoldResult> SdpaSizes::scores() const {
  return {batch, queryHeads, querySeq, kvSeq};
}
SmallVector<OpFoldResult> SdpaSizes::result() const {
  return {batch, queryHeads, querySeq, valueDim};
}

unsigned mlir::attn::getKeySeqDim(bool transposed) { return transposed; }
unsigned mlir::attn::getKeyFeatureDim(bool transposed) {
  return 1 - getKeySeqDim(transposed);
}
unsigned mlir::attn::getKeySeqDim(OnlineAttentionOp op) {
  return getKeySeqDim(op.getKeyTransposed());
}
unsigned mlir::attn::getKeyFeatureDim(OnlineAttentionOp op) {
  return getKeyFeatureDim(op.getKeyTransposed());
}

double mlir::attn::defaultScale(int64_t headDim) {
  return 1.0 / std::sqrt(static_cast<double>(headDim));
}

//===----------------------------------------------------------------------===//
// Head grouping
//===----------------------------------------------------------------------===//

AffineExpr mlir::attn::kvHeadOf(AffineExpr queryHead, int64_t groupSize) {
  return queryHead.floorDiv(groupSize);
}

OpFoldResult mlir::attn::kvHeadOf(OpBuilder &b, Location loc,
                                  OpFoldResult queryHead, int64_t groupSize) {
  return affine::makeComposedFoldedAffineApply(
      b, loc, kvHeadOf(b.getAffineDimExpr(0), groupSize), {queryHead});
}

//===----------------------------------------------------------------------===//
// Mask broadcasting
//===----------------------------------------------------------------------===//

int64_t mlir::attn::maskScoreDim(RankedTensorType mask, int64_t maskDim,
                                 int64_t scoresRank) {
  return scoresRank - mask.getRank() + maskDim;
}

bool mlir::attn::maskDimBroadcasts(RankedTensorType mask, int64_t maskDim) {
  return mask.getDimSize(maskDim) == 1;
}

AffineMap mlir::attn::maskBroadcastMap(RankedTensorType mask,
                                       int64_t scoresRank) {
  MLIRContext *ctx = mask.getContext();
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < mask.getRank(); ++i)
    exprs.push_back(
        maskDimBroadcasts(mask, i)
            ? getAffineConstantExpr(0, ctx)
            : getAffineDimExpr(maskScoreDim(mask, i, scoresRank), ctx));
  return AffineMap::get(scoresRank, 0, exprs, ctx);
}

std::optional<int64_t> mlir::attn::getMaskDimOf(RankedTensorType mask,
                                                int64_t scoreDim,
                                                int64_t scoresRank) {
  int64_t maskDim = scoreDim - maskScoreDim(mask, 0, scoresRank);
  if (maskDim < 0)
    return std::nullopt;
  return maskDim;
}

bool mlir::attn::isMaskElementType(Type type, Type inputType) {
  return type.isInteger(1) || type == inputType || type.isF32();
}

std::optional<int64_t>
mlir::attn::findNonBroadcastMaskDim(ArrayRef<int64_t> maskShape,
                                    ArrayRef<int64_t> scoresShape) {
  int64_t lead = scoresShape.size() - maskShape.size();
  for (auto [i, size] : llvm::enumerate(maskShape)) {
    int64_t target = scoresShape[lead + i];
    if (size != 1 && !ShapedType::isDynamic(size) &&
        !ShapedType::isDynamic(target) && size != target)
      return i;
  }
  return std::nullopt;
}

void mlir::attn::getMaskTile(OpBuilder &b, RankedTensorType mask,
                             ArrayRef<OpFoldResult> scoreOffsets,
                             ArrayRef<OpFoldResult> scoreSizes,
                             SmallVectorImpl<OpFoldResult> &offsets,
                             SmallVectorImpl<OpFoldResult> &sizes) {
  offsets.clear();
  sizes.clear();
  for (int64_t i = 0; i < mask.getRank(); ++i) {
    if (maskDimBroadcasts(mask, i)) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(1));
      continue;
    }
    int64_t dim = maskScoreDim(mask, i, scoreOffsets.size());
    offsets.push_back(scoreOffsets[dim]);
    sizes.push_back(scoreSizes[dim]);
  }
}

//===----------------------------------------------------------------------===//
// Causality
//===----------------------------------------------------------------------===//

std::optional<int64_t> mlir::attn::getDefaultCausalOffset(const SdpaDims &d) {
  if (ShapedType::isDynamic(d.kvSeq) || ShapedType::isDynamic(d.querySeq))
    return std::nullopt;
  return defaultCausalOffset(d.kvSeq, d.querySeq);
}

std::optional<int64_t> mlir::attn::getStaticCausalOffset(SdpaOp op) {
  if (!op.getCausal())
    return std::nullopt;
  if (std::optional<int64_t> offset = op.getCausalOffset())
    return offset;
  return getDefaultCausalOffset(SdpaDims::get(op));
}

OpFoldResult mlir::attn::getEffectiveCausalOffset(OpBuilder &b, Location loc,
                                                  SdpaOp op,
                                                  const SdpaSizes &sizes) {
  if (!op.getCausal())
    return {};
  if (std::optional<int64_t> offset = op.getCausalOffset())
    return b.getIndexAttr(*offset);
  AffineExpr skv = b.getAffineDimExpr(0), sq = b.getAffineDimExpr(1);
  return affine::makeComposedFoldedAffineApply(
      b, loc, defaultCausalOffset(skv, sq), {sizes.kvSeq, sizes.querySeq});
}

bool mlir::attn::causalHidesNoKey(SdpaOp op) {
  if (!op.getCausal())
    return true;
  SdpaDims d = SdpaDims::get(op);
  // Row 0 sees keys j ≤ offset; it must see the last key, Skv − 1.
  std::optional<int64_t> offset = getStaticCausalOffset(op);
  if (offset && !ShapedType::isDynamic(d.kvSeq))
    return *offset >= d.kvSeq - 1;
  // The default offset Skv − Sq does so exactly when Sq ≤ 1, even with Skv
  // dynamic.
  return !op.getCausalOffset() && !ShapedType::isDynamic(d.querySeq) &&
         d.querySeq <= 1;
}

bool mlir::attn::causalOffsetWithinDefault(SdpaOp op) {
  std::optional<int64_t> offset = op.getCausalOffset();
  if (!offset)
    return true;
  std::optional<int64_t> byDefault = getDefaultCausalOffset(SdpaDims::get(op));
  return byDefault && *offset <= *byDefault;
}

std::pair<OpFoldResult, OpFoldResult>
mlir::attn::splitCausalRows(OpBuilder &b, Location loc, SdpaOp op,
                            const SdpaSizes &sizes) {
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = b.getAffineDimExpr(0), d1 = b.getAffineDimExpr(1),
             zero = b.getAffineConstantExpr(0);
  auto clamp = [&](AffineExpr e, OpFoldResult hi,
                   ArrayRef<OpFoldResult> operands) {
    SmallVector<OpFoldResult> all(operands);
    all.push_back(hi);
    unsigned h = operands.size();
    OpFoldResult low = affine::makeComposedFoldedAffineMin(
        b, loc, AffineMap::get(h + 1, 0, {e, b.getAffineDimExpr(h)}, ctx), all);
    return affine::makeComposedFoldedAffineMax(
        b, loc, AffineMap::get(1, 0, {d0, zero}, ctx), {low});
  };
  OpFoldResult offset = getEffectiveCausalOffset(b, loc, op, sizes);
  // Row i sees every key once i + X ≥ Skv − 1.
  OpFoldResult rows = clamp(d0 - d1, sizes.querySeq, {sizes.kvSeq, offset});
  OpFoldResult keys = clamp(d0 + d1, sizes.kvSeq, {rows, offset});
  return {rows, keys};
}

OpFoldResult mlir::attn::causalKeyEnd(OpBuilder &b, Location loc,
                                      OpFoldResult rowEnd, OpFoldResult offset,
                                      OpFoldResult kvSeq) {
  AffineExpr d0 = b.getAffineDimExpr(0), d1 = b.getAffineDimExpr(1),
             d2 = b.getAffineDimExpr(2);
  // Row rowEnd − 1 sees keys j ≤ rowEnd − 1 + offset.
  OpFoldResult end = affine::makeComposedFoldedAffineMin(
      b, loc, AffineMap::get(3, 0, {d0, d1 + d2}, b.getContext()),
      {kvSeq, rowEnd, offset});
  return affine::makeComposedFoldedAffineMax(
      b, loc,
      AffineMap::get(1, 0, {d0, b.getAffineConstantExpr(0)}, b.getContext()),
      {end});
}

OpFoldResult mlir::attn::blockCausalShift(OpBuilder &b, Location loc,
                                          OpFoldResult rowStart,
                                          OpFoldResult offset,
                                          OpFoldResult keyStart) {
  AffineExpr i0 = b.getAffineDimExpr(0), off = b.getAffineDimExpr(1),
             j0 = b.getAffineDimExpr(2);
  return affine::makeComposedFoldedAffineApply(b, loc, i0 + off - j0,
                                               {rowStart, offset, keyStart});
}

Value mlir::attn::buildCausalLimit(OpBuilder &b, Location loc, Value row,
                                   Value offset) {
  return arith::AddIOp::create(b, loc, row, offset);
}

Value mlir::attn::buildCausallyHidden(OpBuilder &b, Location loc, Value key,
                                      Value limit) {
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, key, limit);
}

Value mlir::attn::buildCausallyHiddenInGeneric(OpBuilder &b, Location loc,
                                               unsigned rowDim, unsigned keyDim,
                                               Value offset) {
  Value i = linalg::IndexOp::create(b, loc, rowDim);
  Value j = linalg::IndexOp::create(b, loc, keyDim);
  return buildCausallyHidden(b, loc, j, buildCausalLimit(b, loc, i, offset));
}

//===----------------------------------------------------------------------===//
// The masked softmax
//===----------------------------------------------------------------------===//

/// A constant of `like`'s type (f32 or a vector of f32) holding `value`.
static Value f32Like(OpBuilder &b, Location loc, Value like, double value) {
  Type type = like.getType();
  if (auto vec = dyn_cast<VectorType>(type))
    return arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(vec, b.getF32FloatAttr(value)));
  return f32Constant(b, loc, value);
}

Value mlir::attn::buildKeepMaskBias(OpBuilder &b, Location loc, Value keep) {
  return arith::SelectOp::create(b, loc, keep, f32Constant(b, loc, 0.0),
                                 f32Constant(b, loc, -INFINITY));
}

Value mlir::attn::buildHiddenScore(OpBuilder &b, Location loc, Value hidden,
                                   Value score) {
  return arith::SelectOp::create(b, loc, hidden,
                                 f32Like(b, loc, score, -INFINITY), score);
}

Value mlir::attn::buildMaskedScore(
    OpBuilder &b, Location loc, Value dot, Value scale, Value maskValue,
    function_ref<Value(OpBuilder &, Location)> hidden) {
  Value s = arith::MulFOp::create(b, loc, dot, scale);
  if (maskValue) {
    if (maskValue.getType().isInteger(1))
      s = arith::SelectOp::create(b, loc, maskValue, s,
                                  f32Like(b, loc, s, -INFINITY));
    else
      s = arith::AddFOp::create(b, loc, s, toF32(b, loc, maskValue));
  }
  if (hidden)
    s = buildHiddenScore(b, loc, hidden(b, loc), s);
  return s;
}

Value mlir::attn::buildSafeMax(OpBuilder &b, Location loc, Value rowMax) {
  Value empty = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, rowMax,
                                      f32Like(b, loc, rowMax, -INFINITY));
  return arith::SelectOp::create(b, loc, empty, f32Like(b, loc, rowMax, 0.0),
                                 rowMax);
}

Value mlir::attn::buildSafeExp(OpBuilder &b, Location loc, Value x,
                               Value rowMax) {
  Value diff = arith::SubFOp::create(b, loc, x, buildSafeMax(b, loc, rowMax));
  return math::ExpOp::create(b, loc, diff);
}

Value mlir::attn::buildSafeDivide(OpBuilder &b, Location loc, Value acc,
                                  Value sum) {
  Value zero = f32Like(b, loc, sum, 0.0);
  Value empty =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, sum, zero);
  Value ratio = arith::DivFOp::create(b, loc, acc, sum);
  return arith::SelectOp::create(b, loc, empty, zero, ratio);
}
