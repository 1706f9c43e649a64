//===- DecomposeMha.cpp - attn.mha → projections around attn.sdpa --------===//
//
// A multi-head attention layer becomes four projections (linalg.matmul on
// rows of the model dim), head split/merge reshapes and transposes, and the
// attn.sdpa that later passes lower or tile. Batch and sequence sizes may be
// dynamic: every reshape carries its output sizes, read with tensor.dim.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::attn;

/// Whether the batch and sequence dims of `x` (B×S×M) may be flattened into
/// rows for linalg.matmul. Not when both are dynamic: expanding the rows back
/// would need an expand_shape with two dynamic sizes in one group, which
/// LLVM 22's expand-strided-metadata crashes on (llvm/llvm-project#186830,
/// fixed in LLVM 23). Those layers contract the 3-D tensor directly.
static bool canFlattenRows(Value x) {
  auto type = cast<RankedTensorType>(x.getType());
  return !(type.isDynamicDim(mha_dim::kBatch) &&
           type.isDynamicDim(mha_dim::kSeq));
}

/// `x · weight (+ bias)` for x [R, K] or B×S×K and weight [K, C]: the
/// product accumulates in f32 (linalg.matmul for rows, a contraction
/// linalg.generic for 3-D x; both widen f16/bf16 operands), and one
/// element-wise op adds the bias, broadcast along C, and rounds back to x's
/// element type.
static Value project(OpBuilder &b, Location loc, Value x, Value weight,
                     Value bias) {
  auto type = cast<RankedTensorType>(x.getType());
  Type elementType = type.getElementType();
  unsigned rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, x);
  sizes.back() = tensor::getMixedSize(b, loc, weight, mha_dim::kWeightCols);
  Value acc = filledF32(b, loc, sizes, 0.0);
  if (rank == 2) {
    acc =
        linalg::MatmulOp::create(b, loc, ValueRange{x, weight}, ValueRange{acc})
            .getResult(0);
  } else {
    // (b, s, c, k): out[b, s, c] += x[b, s, k] · w[k, c]
    AffineExpr bd, sd, cd, kd;
    bindDims(b.getContext(), bd, sd, cd, kd);
    auto map = [&](ArrayRef<AffineExpr> exprs) {
      return AffineMap::get(4, 0, exprs, b.getContext());
    };
    SmallVector<utils::IteratorType> iterators(3,
                                               utils::IteratorType::parallel);
    iterators.push_back(utils::IteratorType::reduction);
    acc = linalg::GenericOp::create(
              b, loc, acc.getType(), ValueRange{x, weight}, acc,
              {map({bd, sd, kd}), map({kd, cd}), map({bd, sd, cd})}, iterators,
              [](OpBuilder &nb, Location nl, ValueRange args) {
                Value prod = arith::MulFOp::create(
                    nb, nl, toF32(nb, nl, args[0]), toF32(nb, nl, args[1]));
                linalg::YieldOp::create(
                    nb, nl,
                    arith::AddFOp::create(nb, nl, args[2], prod).getResult());
              })
              .getResult(0);
  }
  if (!bias && elementType.isF32())
    return acc;

  SmallVector<Value> inputs = {acc};
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(rank)};
  if (bias) {
    inputs.push_back(bias);
    maps.push_back(b.getMultiDimIdentityMap(rank).getMinorSubMap(1));
  }
  Value init = emptyTensor(b, loc, sizes, elementType);
  return buildElementwise(
      b, loc, inputs, maps, init,
      [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
        Value v = args[0];
        if (bias)
          v = arith::AddFOp::create(nb, nl, v, toF32(nb, nl, args[1]));
        return fromF32(nb, nl, v, elementType);
      });
}

/// The reassociation between B×S×(H·Dh) columns and B×S×H×Dh, with the
/// batch and sequence flattened into rows or not.
static SmallVector<ReassociationIndices> headsReassociation(bool flatRows) {
  if (flatRows)
    return {{0, 1}, {2, 3}};
  return {{0}, {1}, {2, 3}};
}

/// [B·S, H·Dh] (or B×S×(H·Dh)) → B×H×S×Dh: expand the columns into heads,
/// then bring the heads before the sequence.
static Value splitHeads(OpBuilder &b, Location loc, Value projected,
                        OpFoldResult batch, OpFoldResult seq, int64_t heads,
                        int64_t headDim) {
  auto type = cast<RankedTensorType>(projected.getType());
  SmallVector<OpFoldResult> bshd = {batch, seq, b.getIndexAttr(heads),
                                    b.getIndexAttr(headDim)};
  auto bshdType =
      RankedTensorType::get(staticShape(bshd), type.getElementType());
  Value expanded = tensor::ExpandShapeOp::create(
      b, loc, bshdType, projected, headsReassociation(type.getRank() == 2),
      bshd);
  SmallVector<OpFoldResult> bhsd = {bshd[0], bshd[2], bshd[1], bshd[3]};
  Value init = emptyTensor(b, loc, bhsd, type.getElementType());
  return linalg::TransposeOp::create(b, loc, expanded, init, {0, 2, 1, 3})
      ->getResult(0);
}

/// B×H×S×Dh → [B·S, H·Dh] (or B×S×(H·Dh)): the inverse of splitHeads.
static Value mergeHeads(OpBuilder &b, Location loc, Value heads,
                        bool flatRows) {
  auto type = cast<RankedTensorType>(heads.getType());
  SmallVector<OpFoldResult> bhsd = tensor::getMixedSizes(b, loc, heads);
  SmallVector<OpFoldResult> bshd = {bhsd[0], bhsd[2], bhsd[1], bhsd[3]};
  Value init = emptyTensor(b, loc, bshd, type.getElementType());
  Value transposed =
      linalg::TransposeOp::create(b, loc, heads, init, {0, 2, 1, 3})
          ->getResult(0);
  return tensor::CollapseShapeOp::create(b, loc, transposed,
                                         headsReassociation(flatRows));
}

/// `weight` with its column count made static (a tensor.cast when the type
/// has it dynamic), so the projected columns split into static heads.
static Value withStaticColumns(OpBuilder &b, Location loc, Value weight,
                               int64_t columns) {
  auto type = cast<RankedTensorType>(weight.getType());
  if (!type.isDynamicDim(mha_dim::kWeightCols))
    return weight;
  auto staticType = RankedTensorType::get(
      {type.getDimSize(mha_dim::kWeightRows), columns}, type.getElementType());
  return tensor::CastOp::create(b, loc, staticType, weight);
}

/// B×S×M → [B·S, M] when the rows may be flattened, else x itself.
static Value rowsOf(OpBuilder &b, Location loc, Value x) {
  if (!canFlattenRows(x))
    return x;
  return tensor::CollapseShapeOp::create(b, loc, x, {{0, 1}, {2}});
}

namespace {

struct DecomposeMha : OpRewritePattern<MhaOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MhaOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t hq = op.getNumHeads(), hkv = op.getNumKvHeads(),
            dh = op.getHeadDim();
    Value x = op.getInput(), kv = op.getKeyValueSource();

    // Rows of the model dim: [B·Sq, M] and [B·Skv, Mkv].
    Value xRows = rowsOf(rewriter, loc, x);
    Value kvRows = kv == x ? xRows : rowsOf(rewriter, loc, kv);
    using namespace mha_dim;
    OpFoldResult batch = tensor::getMixedSize(rewriter, loc, x, kBatch);
    OpFoldResult seq = tensor::getMixedSize(rewriter, loc, x, kSeq);
    OpFoldResult kvBatch = tensor::getMixedSize(rewriter, loc, kv, kBatch);
    OpFoldResult kvSeq = tensor::getMixedSize(rewriter, loc, kv, kSeq);

    Value wq = withStaticColumns(rewriter, loc, op.getWq(), hq * dh);
    Value wk = withStaticColumns(rewriter, loc, op.getWk(), hkv * dh);
    Value wv = withStaticColumns(rewriter, loc, op.getWv(), hkv * dh);
    Value q =
        splitHeads(rewriter, loc, project(rewriter, loc, xRows, wq, op.getBq()),
                   batch, seq, hq, dh);
    Value k = splitHeads(rewriter, loc,
                         project(rewriter, loc, kvRows, wk, op.getBk()),
                         kvBatch, kvSeq, hkv, dh);
    Value v = splitHeads(rewriter, loc,
                         project(rewriter, loc, kvRows, wv, op.getBv()),
                         kvBatch, kvSeq, hkv, dh);

    // The sdpa default scale, 1/sqrt(D), is the layer's default 1/sqrt(Dh),
    // so an absent scale stays absent.
    Value o = SdpaOp::create(rewriter, loc, q.getType(), q, k, v, op.getMask(),
                             op.getScaleAttr(), op.getCausalAttr(),
                             op.getCausalOffsetAttr());

    bool flatRows = canFlattenRows(x);
    Value y = project(rewriter, loc, mergeHeads(rewriter, loc, o, flatRows),
                      op.getWo(), op.getBo());
    if (flatRows) {
      SmallVector<OpFoldResult> bsn = {
          batch, seq,
          tensor::getMixedSize(rewriter, loc, op.getWo(), kWeightCols)};
      auto bsnType = RankedTensorType::get(
          staticShape(bsn), op.getResult().getType().getElementType());
      y = tensor::ExpandShapeOp::create(rewriter, loc, bsnType, y,
                                        {{0, 1}, {2}}, bsn);
    }
    // The op's result type may know more (or less) statically than its
    // operands; a cast reconciles the two.
    if (y.getType() != op.getType())
      y = tensor::CastOp::create(rewriter, loc, op.getType(), y);
    rewriter.replaceOp(op, y);
    return success();
  }
};

} // namespace

void mlir::attn::populateAttnDecomposeMhaPatterns(RewritePatternSet &patterns) {
  patterns.add<DecomposeMha>(patterns.getContext());
}
