//===- PackQueryGroups.cpp - a decoding step's GQA group as one block -----===//
//
// In a decoding step (Sq = 1) with grouped-query attention, the G = Hq/Hkv
// query heads that share a key/value head each have one row. Tiled as they
// are, every one of them streams the same K and V: G times the memory
// traffic of a step that is bound by memory. Viewed as rows of one query
// block instead,
//
//   Q [B, Hq, 1, D] → [B, Hkv, G, D],  O [B, Hkv, G, Dv] → [B, Hq, 1, Dv]
//
// (pure reshapes: head h = kv·G + g is row g of kv head kv) the problem is
// an MHA with G query rows per head, whose kernel reads K and V once.
//
// Only a single query row is packed: its causal mask either hides nothing
// (then `causal` is dropped) or hides the same keys from every packed row,
// which one causal offset cannot say, so that case is left alone. A mask
// moves with the rows: one that broadcasts over heads and queries stays as
// it is, one per query head is reshaped like Q.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNPACKQUERYGROUPS
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// `value` with its dims (i, i+1) regrouped to `pair` (their product
/// unchanged): a collapse of the two into one, then an expand of that one
/// into two. Both are views of the same buffer.
Value regroup(OpBuilder &b, Location loc, Value value, int64_t i,
              std::pair<int64_t, int64_t> pair) {
  auto type = cast<RankedTensorType>(value.getType());
  int64_t rank = type.getRank();
  // The same grouping both ways: dims i and i+1 together, the others alone.
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < rank - 1; ++d)
    groups.push_back(d < i    ? ReassociationIndices{d}
                     : d == i ? ReassociationIndices{d, d + 1}
                              : ReassociationIndices{d + 1});
  Value flat = tensor::CollapseShapeOp::create(b, loc, value, groups);
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
  sizes[i] = b.getIndexAttr(pair.first);
  sizes[i + 1] = b.getIndexAttr(pair.second);
  SmallVector<int64_t> shape(type.getShape());
  shape[i] = pair.first;
  shape[i + 1] = pair.second;
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), flat, groups,
      sizes);
}

struct PackQueryGroups : OpRewritePattern<SdpaOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(SdpaOp op,
                                PatternRewriter &rewriter) const override {
    SdpaDims dims = SdpaDims::get(op);
    int64_t group = dims.groupSize();
    if (ShapedType::isDynamic(group) || group <= 1)
      return rewriter.notifyMatchFailure(op, "no static query-head groups");
    if (dims.querySeq != 1)
      return rewriter.notifyMatchFailure(op, "more than one query row");
    if (!causalHidesNoKey(op))
      return rewriter.notifyMatchFailure(
          op, "the causal offset hides keys from the query row");
    using namespace sdpa_dim;
    Value mask = op.getMask();
    std::optional<int64_t> maskHeadDim; // the mask dim that is reshaped
    if (mask) {
      auto type = cast<RankedTensorType>(mask.getType());
      if (type.getRank() == 0)
        return rewriter.notifyMatchFailure(op, "rank-0 mask");
      if (std::optional<int64_t> seqDim = getMaskDimOf(type, kSeq);
          seqDim && !maskDimBroadcasts(type, *seqDim))
        return rewriter.notifyMatchFailure(
            op, "the mask's query dim is not a static 1");
      if (std::optional<int64_t> headDim = getMaskDimOf(type, kHeads)) {
        if (type.getDimSize(*headDim) == dims.queryHeads)
          maskHeadDim = headDim;
        else if (!maskDimBroadcasts(type, *headDim))
          return rewriter.notifyMatchFailure(
              op, "the mask's head dim is neither 1 nor the query heads");
      }
    }

    Location loc = op.getLoc();
    // (Hq, 1) → (Hkv, G): head kv·G + g becomes row g of head kv.
    auto split = [&](Value v, int64_t dim) {
      int64_t heads = cast<RankedTensorType>(v.getType()).getDimSize(dim);
      return regroup(rewriter, loc, v, dim, {heads / group, group});
    };
    Value q = split(op.getQuery(), kHeads);
    if (maskHeadDim)
      mask = split(mask, *maskHeadDim);
    auto resultType = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> packedShape(resultType.getShape());
    packedShape[kHeads] /= group;
    packedShape[kSeq] = group;
    Operation *packed = SdpaOp::create(
        rewriter, loc,
        RankedTensorType::get(packedShape, resultType.getElementType()), q,
        op.getKey(), op.getValue(), mask, op.getScaleAttr(),
        /*causal=*/UnitAttr(), /*causal_offset=*/IntegerAttr());
    // For attn-tile: the G rows are heads of a one-row query, still a
    // decoding step (K read as stored, split-K).
    packed->setAttr(kPackedQueryHeadsAttr, rewriter.getI64IntegerAttr(group));
    // (Hkv, G) → (Hq, 1).
    rewriter.replaceOp(op, regroup(rewriter, loc, packed->getResult(0), kHeads,
                                   {dims.queryHeads, 1}));
    return success();
  }
};

struct AttnPackQueryGroups
    : attn::impl::AttnPackQueryGroupsBase<AttnPackQueryGroups> {
  using Base::Base;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    populateAttnPackQueryGroupsPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

int64_t mlir::attn::logicalQueryLength(SdpaOp op) {
  int64_t rows = SdpaDims::get(op).querySeq;
  if (ShapedType::isDynamic(rows))
    return rows;
  if (auto heads = op->getAttrOfType<IntegerAttr>(kPackedQueryHeadsAttr))
    if (heads.getInt() > 0 && rows % heads.getInt() == 0)
      return rows / heads.getInt();
  return rows;
}

void mlir::attn::populateAttnPackQueryGroupsPatterns(
    RewritePatternSet &patterns) {
  patterns.add<PackQueryGroups>(patterns.getContext());
}
