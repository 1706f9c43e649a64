//===- SdpaTiling.cpp - TilingInterface for attn.sdpa ---------------------===//
//
// attn.sdpa tiles over its parallel loops (b, hq, sq, dv) into attn.sdpa ops
// on slices, so transform-dialect scripts (tile_using_forall/for) and
// scf::tileUsingSCF can tile it. A query-head tile reads whole key/value
// heads: h0 / G … (h0 + th) / G for group size G = Hq / Hkv.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnShapes.h"

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
  Location loc = getLoc();
  reifiedReturnShapes.push_back({tensor::getMixedSize(b, loc, getQuery(), 0),
                                 tensor::getMixedSize(b, loc, getQuery(), 1),
                                 tensor::getMixedSize(b, loc, getQuery(), 2),
                                 tensor::getMixedSize(b, loc, getValue(), 3)});
  return success();
}

SmallVector<utils::IteratorType> SdpaOp::getLoopIteratorTypes() {
  return SmallVector<utils::IteratorType>(kNumLoops,
                                          utils::IteratorType::parallel);
}

SmallVector<Range> SdpaOp::getIterationDomain(OpBuilder &b) {
  Location loc = getLoc();
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  SmallVector<Range> domain;
  for (auto [value, dim] : {std::pair<Value, int64_t>{getQuery(), 0},
                            {getQuery(), 1},
                            {getQuery(), 2},
                            {getValue(), 3}})
    domain.push_back({zero, tensor::getMixedSize(b, loc, value, dim), one});
  return domain;
}

FailureOr<TilingResult>
SdpaOp::getTiledImplementation(OpBuilder &b, ArrayRef<OpFoldResult> offsets,
                               ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  auto q = getQuery().getType(), k = getKey().getType(),
       v = getValue().getType();
  SdpaDims dims = SdpaDims::get(q, k, v);

  if (getCausal() && !isZeroInteger(offsets[kQuery]))
    return emitOpError("cannot tile the query dim of a causal attn.sdpa "
                       "through TilingInterface (use attn-tile)");

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
    AffineExpr d0 = b.getAffineDimExpr(0);
    kvOffset = affine::makeComposedFoldedAffineApply(b, loc, d0.floorDiv(group),
                                                     {offsets[kHead]});
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
  OpFoldResult headDim = tensor::getMixedSize(b, loc, getQuery(), 3);
  OpFoldResult kvSeq = tensor::getMixedSize(b, loc, getKey(), 2);
  Value qTile = slice(getQuery(),
                      {offsets[kBatch], offsets[kHead], offsets[kQuery], zero},
                      {sizes[kBatch], sizes[kHead], sizes[kQuery], headDim});
  Value kTile = slice(getKey(), {offsets[kBatch], kvOffset, zero, zero},
                      {sizes[kBatch], kvSize, kvSeq, headDim});
  Value vTile =
      slice(getValue(), {offsets[kBatch], kvOffset, zero, offsets[kValueDim]},
            {sizes[kBatch], kvSize, kvSeq, sizes[kValueDim]});

  // The mask is aligned on the right with (b, hq, sq, skv); a static size-1
  // dim broadcasts and is not sliced.
  Value maskTile;
  if (Value mask = getMask()) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    int64_t lead = 4 - maskType.getRank();
    SmallVector<OpFoldResult> offs, szs;
    for (int64_t i = 0; i < maskType.getRank(); ++i) {
      int64_t loop = lead + i;
      if (maskType.getDimSize(i) == 1 || loop == 3) {
        offs.push_back(zero);
        szs.push_back(tensor::getMixedSize(b, loc, mask, i));
        continue;
      }
      offs.push_back(offsets[loop]);
      szs.push_back(sizes[loop]);
    }
    maskTile = slice(mask, offs, szs);
  }

  SmallVector<int64_t> tileShape;
  for (OpFoldResult s : sizes)
    tileShape.push_back(getConstantIntValue(s).value_or(ShapedType::kDynamic));
  auto resultType = RankedTensorType::get(tileShape, v.getElementType());
  // The default scale 1/sqrt(D) is unchanged (D is not tiled); the causal
  // offset is unchanged because only b, h and dv tiles reach here.
  auto tiled =
      SdpaOp::create(b, loc, resultType, qTile, kTile, vTile, maskTile,
                     getScaleAttr(), getCausalAttr(), getCausalOffsetAttr());
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
