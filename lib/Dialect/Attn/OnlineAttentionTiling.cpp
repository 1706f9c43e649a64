//===- OnlineAttentionTiling.cpp - TilingInterface for online_attention ---===//
//
// attn.online_attention's loops are (row, key, value column). Its rows are
// independent, so they tile into attn.online_attention ops on row slices
// (transform.structured.tile_using_forall/for, scf::tileUsingSCF); the
// causal shift moves with the rows (a tile starting at row r0 sees key j iff
// j ≤ i + shift + r0). The keys are the recurrence's reduction, carried in
// (acc, max, sum): attn-tile's key/value loop is that reduction's tiling.
// A value column needs the whole row's max and sum, so the value dim does
// not tile either.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
/// The loops of attn.online_attention's iteration domain, in order.
enum Loop : unsigned { kRow, kKey, kValueDim, kNumLoops };
} // namespace

LogicalResult OnlineAttentionOp::reifyResultShapes(
    OpBuilder &b, ReifiedRankedShapedTypeDims &reifiedReturnShapes) {
  for (Value state : {getAcc(), getMax(), getSum()})
    reifiedReturnShapes.push_back(tensor::getMixedSizes(b, getLoc(), state));
  return success();
}

SmallVector<utils::IteratorType> OnlineAttentionOp::getLoopIteratorTypes() {
  return {utils::IteratorType::parallel, utils::IteratorType::reduction,
          utils::IteratorType::parallel};
}

SmallVector<Range> OnlineAttentionOp::getIterationDomain(OpBuilder &b) {
  Location loc = getLoc();
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  return {
      {zero, tensor::getMixedSize(b, loc, getQuery(), online_dim::kRows), one},
      {zero, tensor::getMixedSize(b, loc, getKey(), getKeySeqDim(*this)), one},
      {zero, tensor::getMixedSize(b, loc, getValue(), online_dim::kFeature),
       one}};
}

FailureOr<TilingResult>
OnlineAttentionOp::getTiledImplementation(OpBuilder &b,
                                          ArrayRef<OpFoldResult> offsets,
                                          ArrayRef<OpFoldResult> sizes) {
  Location loc = getLoc();
  SmallVector<Range> domain = getIterationDomain(b);
  for (Loop loop : {kKey, kValueDim})
    if (!isZeroInteger(offsets[loop]) ||
        !isEqualConstantIntOrValue(sizes[loop], domain[loop].size))
      return emitOpError(
          "only the rows of attn.online_attention tile: its keys are the "
          "recurrence's reduction, carried in (acc, max, sum), and a value "
          "column needs the whole row's max and sum");

  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  OpFoldResult r0 = offsets[kRow], rows = sizes[kRow];
  SmallVector<Operation *> slices;
  auto slice = [&](Value src, ArrayRef<OpFoldResult> offs,
                   ArrayRef<OpFoldResult> szs) -> Value {
    auto op = tensor::ExtractSliceOp::create(
        b, loc, src, offs, szs, SmallVector<OpFoldResult>(offs.size(), one));
    slices.push_back(op);
    return op;
  };
  auto rowSlice = [&](Value src) -> Value {
    auto type = cast<RankedTensorType>(src.getType());
    SmallVector<OpFoldResult> offs(type.getRank(), zero);
    SmallVector<OpFoldResult> szs = tensor::getMixedSizes(b, loc, src);
    offs[online_dim::kRows] = r0;
    szs[online_dim::kRows] = rows;
    return slice(src, offs, szs);
  };

  Value mask = getMask();
  if (mask) {
    // A 1×Bk mask holds one row for every query row.
    auto type = cast<RankedTensorType>(mask.getType());
    if (!maskDimBroadcasts(type, online_dim::kRows))
      mask = rowSlice(mask);
  }
  Value shift = getCausalShift();
  if (shift)
    shift = getValueOrCreateConstantIndexOp(
        b, loc,
        affine::makeComposedFoldedAffineApply(
            b, loc, b.getAffineDimExpr(0) + b.getAffineDimExpr(1),
            {shift, r0}));
  Value acc = rowSlice(getAcc()), max = rowSlice(getMax()),
        sum = rowSlice(getSum());
  auto tiled = OnlineAttentionOp::create(
      b, loc, TypeRange{acc.getType(), max.getType(), sum.getType()},
      rowSlice(getQuery()), getKey(), getValue(), mask, acc, max, sum, shift,
      getScaleAttr(), getKeyTransposedAttr());
  return TilingResult{{tiled}, SmallVector<Value>(tiled->getResults()), slices};
}

LogicalResult OnlineAttentionOp::getResultTilePosition(
    OpBuilder &b, unsigned resultNumber, ArrayRef<OpFoldResult> offsets,
    ArrayRef<OpFoldResult> sizes, SmallVector<OpFoldResult> &resultOffsets,
    SmallVector<OpFoldResult> &resultSizes) {
  // acc is rows × Dv; max and sum are rows.
  resultOffsets = {offsets[kRow]};
  resultSizes = {sizes[kRow]};
  if (resultNumber == 0) {
    resultOffsets.push_back(offsets[kValueDim]);
    resultSizes.push_back(sizes[kValueDim]);
  }
  return success();
}

FailureOr<TilingResult>
OnlineAttentionOp::generateResultTileValue(OpBuilder &b, unsigned resultNumber,
                                           ArrayRef<OpFoldResult> offsets,
                                           ArrayRef<OpFoldResult> sizes) {
  // The whole key range; acc's value columns as asked (only all of them
  // tile), max and sum have none.
  SmallVector<Range> domain = getIterationDomain(b);
  bool acc = resultNumber == 0;
  SmallVector<OpFoldResult> loopOffsets = {offsets[0], domain[kKey].offset,
                                           acc ? offsets[1]
                                               : domain[kValueDim].offset};
  SmallVector<OpFoldResult> loopSizes = {
      sizes[0], domain[kKey].size, acc ? sizes[1] : domain[kValueDim].size};
  return getTiledImplementation(b, loopOffsets, loopSizes);
}
