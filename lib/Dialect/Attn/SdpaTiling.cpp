//===- SdpaTiling.cpp - TilingInterface for attn.sdpa ---------------------===//
//
// attn.sdpa tiles over its parallel loops (b, hq, sq, dv) into attn.sdpa ops
// on slices, so transform-dialect scripts (tile_using_forall/for) and
// scf::tileUsingSCF (attn-tile) can tile it. A query-head tile reads whole
// key/value heads: h0 / G … (h0 + th) / G for group size G = Hq / Hkv. A
// causal query tile reads only the keys its rows see, on which the default
// (bottom-right) offset is its own causal rule.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
/// The loops of attn.sdpa's iteration domain, in order.
enum Loop : unsigned { kBatch, kHead, kQuery, kValueDim, kNumLoops };
} // namespace

LogicalResult
SdpaOp::reifyResultShapes(OpBuilder &b,
                          ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  reifiedReturnShapes.push_back(SdpaSizes::get(b, getLoc(), *this).result());
  return success();
}

SmallVector<utils::IteratorType> SdpaOp::getLoopIteratorTypes() {
  return SmallVector<utils::IteratorType>(kNumLoops,
                                          utils::IteratorType::parallel);
}

SmallVector<Range> SdpaOp::getIterationDomain(OpBuilder &b) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  SmallVector<Range> domain;
  for (OpFoldResult size : SdpaSizes::get(b, getLoc(), *this).result())
    domain.push_back({zero, size, one});
  return domain;
}

FailureOr<TilingResult>
SdpaOp::getTiledImplementation(OpBuilder &b, ArrayRef<OpFoldResult> offsets,
                               ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  auto v = getValue().getType();
  SdpaDims dims = SdpaDims::get(*this);

  SdpaSizes full = SdpaSizes::get(b, loc, *this);
  OpFoldResult headDim = full.headDim, kvSeq = full.kvSeq;

  // A causal query tile [i0, i0 + n) sees the keys [0, E), E the first key
  // hidden from its last row. On K/V[0, E) the default offset E − n is
  // i0 + offset, the tile's own causal rule, as long as E is not cut at Skv:
  // so the tile is again a causal attn.sdpa with the default offset.
  bool causal = getCausal();
  IntegerAttr causalOffset = getCausalOffsetAttr();
  bool queryTiled = !isZeroInteger(offsets[kQuery]) ||
                    !isEqualConstantIntOrValue(sizes[kQuery], full.querySeq);
  if (causal && queryTiled) {
    if (causalHidesNoKey(*this)) {
      causal = false;
    } else if (!causalOffsetWithinDefault(*this)) {
      return emitOpError(
          "cannot tile the query dim of a causal attn.sdpa whose offset may "
          "exceed Skv − Sq through TilingInterface (attn-tile splits such "
          "an op's rows first)");
    } else {
      OpFoldResult rowEnd = affine::makeComposedFoldedAffineApply(
          b, loc, b.getAffineDimExpr(0) + b.getAffineDimExpr(1),
          {offsets[kQuery], sizes[kQuery]});
      kvSeq = causalKeyEnd(b, loc, rowEnd,
                           getEffectiveCausalOffset(b, loc, *this, full),
                           full.kvSeq);
    }
    causalOffset = nullptr;
  }

  // Key/value heads read by query heads [h0, h0 + th).
  OpFoldResult kvOffset = offsets[kHead], kvSize = sizes[kHead];
  int64_t group = dims.groupSize();
  if (ShapedType::isDynamic(group))
    return emitOpError("tiling needs static head counts");
  if (group > 1) {
    std::optional<int64_t> th = getConstantIntValue(sizes[kHead]);
    if (!th || (*th != 1 && *th % group != 0))
      return emitOpError() << "a query-head tile must be 1 or a multiple of "
                              "the group size Hq/Hkv = "
                           << group;
    kvOffset = kvHeadOf(b, loc, offsets[kHead], group);
    kvSize = b.getIndexAttr(std::max<int64_t>(1, *th / group));
  }

  OpFoldResult zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> unitStrides(4, b.getIndexAttr(1));
  SmallVector<Operation *> slices;
  auto slice = [&](Value src, ArrayRef<OpFoldResult> offs,
                   ArrayRef<OpFoldResult> szs) -> Value {
    auto op = tensor::ExtractSliceOp::create(
        b, loc, src, offs, szs,
        SmallVector<OpFoldResult>(offs.size(), b.getIndexAttr(1)));
    slices.push_back(op);
    return op;
  };
  Value qTile = slice(getQuery(),
                      {offsets[kBatch], offsets[kHead], offsets[kQuery], zero},
                      {sizes[kBatch], sizes[kHead], sizes[kQuery], headDim});
  Value kTile = slice(getKey(), {offsets[kBatch], kvOffset, zero, zero},
                      {sizes[kBatch], kvSize, kvSeq, headDim});
  Value vTile =
      slice(getValue(), {offsets[kBatch], kvOffset, zero, offsets[kValueDim]},
            {sizes[kBatch], kvSize, kvSeq, sizes[kValueDim]});

  // The mask's part of the scores' tile: every key the tile sees (Skv is
  // not a loop: it is the softmax's reduction).
  Value maskTile;
  if (Value mask = getMask()) {
    SmallVector<OpFoldResult> offs, szs;
    getMaskTile(b, cast<RankedTensorType>(mask.getType()),
                {offsets[kBatch], offsets[kHead], offsets[kQuery], zero},
                {sizes[kBatch], sizes[kHead], sizes[kQuery], kvSeq}, offs, szs);
    maskTile = slice(mask, offs, szs);
  }

  auto resultType =
      RankedTensorType::get(staticShape(sizes), v.getElementType());
  // The default scale 1/sqrt(D) is unchanged (D is not tiled).
  auto tiled = SdpaOp::create(
      b, loc, resultType, qTile, kTile, vTile, maskTile, getScaleAttr(),
      causal ? b.getUnitAttr() : UnitAttr(), causalOffset);
  return TilingResult{{tiled}, {tiled.getResult()}, slices};
}

LogicalResult SdpaOp::getResultTilePosition(
    OpBuilder &, unsigned, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  // The four loops are the four result dims.
  resultOffsets.assign(offsets.begin(), offsets.end());
  resultSizes.assign(sizes.begin(), sizes.end());
  return success();
}

FailureOr<TilingResult>
SdpaOp::generateResultTileValue(OpBuilder &b, unsigned,
                                ArrayRef<OpFoldResult> offsets,
                                ArrayRef<OpFoldResult> sizes) {
  return getTiledImplementation(b, offsets, sizes);
}
