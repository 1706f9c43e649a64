//===- TileSdpa.cpp - flash-style tiling of attn.sdpa ---------------------===//
//
// attn.sdpa → scf.forall over (batch, query head, query block) around an
// scf.for over key/value blocks whose body is one attn.online_attention:
//
//   forall (b, h, qb):                       rows = [i0, i0 + Bq) ∩ [0, Sq)
//     acc, m, l = 0, -inf, 0
//     for j0 in [0, kvEnd) step Bk:          kvEnd = Skv, or for causal the
//       acc, m, l = online_attention(...)    first key no row of the block
//     O[b, h, rows] = acc / l  (0 if l = 0)  sees: blocks above the diagonal
//                                            are never visited
//
// so memory stays O(S·D). The forall comes from attn.sdpa's TilingInterface
// (scf::tileUsingSCF with tile sizes 1, 1, Bq): each tile is an attn.sdpa of
// one (batch, head) and query block on the keys its rows see, and this file
// builds only the key/value recurrence from it. A causal offset larger than
// Skv − Sq cannot be carried into tiles (a tile's rows would see past Skv),
// so such an op is first split into the rows that see part of the keys and
// the rows that see them all. Split-K (decoding) builds its own forall over
// (b, h, query block, split), since its splits cut the softmax's reduction.
//
// With the transposed key layout, K is transposed once to B×Hkv×D×Skv, the
// layout a vector kernel reads keys from contiguously; a short query
// (decoding) reads K as stored, since the copy would move more bytes than
// the whole step.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/SdpaRuntimeShapes.h"
#include "attn/Dialect/Attn/TensorBuilders.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Index arithmetic on OpFoldResults, folded where constant.
struct IndexMath {
  OpBuilder &b;
  Location loc;

  Value value(OpFoldResult v) {
    return getValueOrCreateConstantIndexOp(b, loc, v);
  }
  OpFoldResult apply(AffineExpr e, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineApply(
        b, loc, AffineMap::get(operands.size(), 0, e), operands);
  }
  OpFoldResult min(ArrayRef<AffineExpr> es, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineMin(
        b, loc, AffineMap::get(operands.size(), 0, es, b.getContext()),
        operands);
  }
  OpFoldResult max(ArrayRef<AffineExpr> es, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineMax(
        b, loc, AffineMap::get(operands.size(), 0, es, b.getContext()),
        operands);
  }
  AffineExpr d(unsigned i) { return b.getAffineDimExpr(i); }
};

struct TileSdpa : OpRewritePattern<SdpaOp> {
  TileSdpa(MLIRContext *ctx, const SdpaTileSizes &sizes)
      : OpRewritePattern(ctx), sizes(sizes) {}

  LogicalResult matchAndRewrite(SdpaOp op,
                                PatternRewriter &rewriter) const override {
    SdpaDims dims = SdpaDims::get(op);
    if (ShapedType::isDynamic(dims.groupSize()))
      return rewriter.notifyMatchFailure(op, "head counts must be static");
    if (ShapedType::isDynamic(dims.headDim))
      return rewriter.notifyMatchFailure(op, "head dim must be static");
    if (Value mask = op.getMask();
        mask && cast<RankedTensorType>(mask.getType()).getRank() == 0)
      return rewriter.notifyMatchFailure(op, "a rank-0 mask is left to the "
                                             "untiled lowering");

    // Dynamic sizes are checked, and a dynamic mask dim broadcast where it
    // is 1 at run time, once for the whole op (the row split below slices
    // the mask).
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPoint(op);
      SdpaSizes s = SdpaSizes::get(rewriter, op.getLoc(), op);
      emitSdpaShapeChecks(rewriter, op.getLoc(), op, s);
      Value mask = broadcastDynamicMaskDims(rewriter, op.getLoc(), op.getMask(),
                                            s.scores());
      if (mask != op.getMask())
        rewriter.modifyOpInPlace(op, [&] { op.getMaskMutable().assign(mask); });
    }
    FailureOr<Value> result = op.getCausal() && !causalHidesNoKey(op) &&
                                      !causalOffsetWithinDefault(op)
                                  ? splitRowsAndTile(rewriter, op)
                                  : tile(rewriter, op);
    if (failed(result))
      return rewriter.notifyMatchFailure(op, "tiling failed");
    rewriter.replaceOp(op, *result);
    return success();
  }

private:
  /// The tiled form of `op` (which stays in place, for the caller to
  /// replace or erase).
  FailureOr<Value> tile(PatternRewriter &rewriter, SdpaOp op) const {
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(op);
    Location loc = op.getLoc();
    IndexMath im{rewriter, loc};
    SdpaDims dims = SdpaDims::get(op);
    Value k = op.getKey();
    SdpaSizes s = SdpaSizes::get(rewriter, loc, op);
    Value mask = kernelMask(rewriter, loc, op.getMask(), s.kvSeq);
    float scale = static_cast<float>(op.getEffectiveScale());

    bool transposeKey = useTransposedKeys(logicalQueryLength(op));
    if (transposeKey)
      k = transposeKeys(rewriter, loc, k, s.headDim, s.kvSeq,
                        op.getQuery().getType().getElementType());

    if (sizes.kvSplits > 1) {
      OpFoldResult numBlocks =
          im.apply(im.d(0).ceilDiv(sizes.queryBlock), {s.querySeq});
      Problem p{op.getQuery(),
                k,
                op.getValue(),
                mask,
                s.headDim,
                s.kvSeq,
                s.valueDim,
                getEffectiveCausalOffset(rewriter, loc, op, s),
                dims.groupSize(),
                dims.kvHeads,
                scale,
                transposeKey};
      return buildSplit(rewriter, loc, p, s.rows(), numBlocks);
    }
    return tileThroughInterface(rewriter, op, s, mask,
                                transposeKey ? k : Value(), scale);
  }

  /// forall (b, h, query block) from attn.sdpa's TilingInterface
  /// (scf::tileUsingSCF), each tile an attn.sdpa of one (batch, head) and
  /// one query block on the keys its rows see; the tile then becomes the
  /// key/value loop.
  FailureOr<Value> tileThroughInterface(PatternRewriter &rewriter, SdpaOp op,
                                        const SdpaSizes &s, Value mask,
                                        Value transposedKey,
                                        float scale) const {
    if (mask != op.getMask())
      rewriter.modifyOpInPlace(op, [&] { op.getMaskMutable().assign(mask); });
    // One block covers a short static query: its rows stay static, which
    // lets the kernel size its row groups to them.
    std::optional<int64_t> sq = getConstantIntValue(s.querySeq);
    int64_t queryTile = sq && *sq <= sizes.queryBlock ? 0 : sizes.queryBlock;
    scf::SCFTilingOptions options;
    options.setLoopType(scf::SCFTilingOptions::LoopType::ForallOp);
    options.setTileSizes(
        getAsIndexOpFoldResult(rewriter.getContext(), {1, 1, queryTile, 0}));
    FailureOr<scf::SCFTilingResult> tiling = scf::tileUsingSCF(
        rewriter, cast<TilingInterface>(op.getOperation()), options);
    if (failed(tiling))
      return failure();
    if (failed(lowerTile(rewriter, cast<SdpaOp>(tiling->tiledOps.back()),
                         transposedKey, scale)))
      return failure();
    return tiling->replacements[0];
  }

  /// One (batch, head, query block) tile → the online-softmax loop over its
  /// key/value blocks, normalized straight into the forall's output slice
  /// (bufferization then stores in place instead of copying a temporary).
  LogicalResult lowerTile(PatternRewriter &rewriter, SdpaOp tiled,
                          Value transposedKey, float scale) const {
    auto insert = dyn_cast<tensor::ParallelInsertSliceOp>(
        tiled->hasOneUse() ? *tiled->user_begin() : nullptr);
    if (!insert)
      return failure();
    Location loc = tiled.getLoc();
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPoint(tiled);
    IndexMath im{rewriter, loc};
    SdpaSizes t = SdpaSizes::get(rewriter, loc, tiled);
    OpFoldResult zero = rewriter.getIndexAttr(0),
                 one = rewriter.getIndexAttr(1);
    Value k = tiled.getKey();
    if (transposedKey) {
      // The same (batch, KV head) of the transposed copy.
      auto src = k.getDefiningOp<tensor::ExtractSliceOp>();
      if (!src)
        return failure();
      SmallVector<OpFoldResult> at = src.getMixedOffsets();
      SmallVector<OpFoldResult> offs = {at[sdpa_dim::kBatch],
                                        at[sdpa_dim::kHeads], zero, zero};
      SmallVector<OpFoldResult, 2> inner = keyLayout(true, t.kvSeq, t.headDim);
      SmallVector<OpFoldResult> szs = {one, one, inner[0], inner[1]};
      auto type = RankedTensorType::get(
          staticShape(szs),
          cast<RankedTensorType>(transposedKey.getType()).getElementType());
      k = tensor::ExtractSliceOp::create(rewriter, loc, type, transposedKey,
                                         offs, szs,
                                         SmallVector<OpFoldResult>(4, one));
    }
    Problem p{tiled.getQuery(),
              k,
              tiled.getValue(),
              tiled.getMask(),
              t.headDim,
              t.kvSeq,
              t.valueDim,
              getEffectiveCausalOffset(rewriter, loc, tiled, t),
              /*group=*/1,
              /*kvHeads=*/1,
              scale,
              static_cast<bool>(transposedKey)};
    SmallVector<OpFoldResult> outOffsets = insert.getMixedOffsets(),
                              outSizes = insert.getMixedSizes();
    OpFoldResult rows = outSizes[sdpa_dim::kSeq];
    // With the default offset Skv − Sq the last row sees every key: the
    // interface has already cut a causal tile's keys to what its rows see.
    OpFoldResult end =
        tiled.getCausalOffset() ? visibleEnd(im, p, zero, rows) : t.kvSeq;
    SmallVector<Value> state =
        buildKvLoop(rewriter, loc, p, zero, zero, zero, rows, zero, end);
    Value outInit = slice2d(rewriter, loc, insert.getDest(), outOffsets,
                            outSizes, {rows, outSizes[sdpa_dim::kFeature]});
    Value out = normalize(rewriter, loc, state[0], state[2], outInit);
    rewriter.setInsertionPoint(insert);
    tensor::ParallelInsertSliceOp::create(rewriter, loc, out, insert.getDest(),
                                          outOffsets, outSizes,
                                          insert.getMixedStrides());
    rewriter.eraseOp(insert);
    rewriter.eraseOp(tiled);
    return success();
  }

  /// A causal op whose offset X may exceed Skv − Sq: rows [0, r) on keys
  /// [0, E) with the default offset (AttnSemantics' splitCausalRows), rows
  /// [r, Sq) without causality, each tiled on its own, so that the tiling
  /// interface sees only offsets it can carry into tiles.
  FailureOr<Value> splitRowsAndTile(PatternRewriter &rewriter,
                                    SdpaOp op) const {
    Location loc = op.getLoc();
    IndexMath im{rewriter, loc};
    SdpaSizes s = SdpaSizes::get(rewriter, loc, op);
    auto [split, keyEnd] = splitCausalRows(rewriter, loc, op, s);
    OpFoldResult zero = rewriter.getIndexAttr(0);
    Value result =
        emptyTensor(rewriter, loc, s.result(), op.getType().getElementType());
    struct Part {
      OpFoldResult row0, rows, keys;
      bool causal;
    } parts[] = {{zero, split, keyEnd, true},
                 {split, im.apply(im.d(0) - im.d(1), {s.querySeq, split}),
                  s.kvSeq, false}};
    auto slice = [&](Value src, ArrayRef<OpFoldResult> offs,
                     ArrayRef<OpFoldResult> szs) -> Value {
      return tensor::ExtractSliceOp::create(
          rewriter, loc, src, offs, szs,
          SmallVector<OpFoldResult>(offs.size(), rewriter.getIndexAttr(1)));
    };
    for (const Part &part : parts) {
      if (isZeroInteger(part.rows))
        continue;
      rewriter.setInsertionPoint(op);
      Value q = slice(op.getQuery(), {zero, zero, part.row0, zero},
                      {s.batch, s.queryHeads, part.rows, s.headDim});
      Value k = slice(op.getKey(), {zero, zero, zero, zero},
                      {s.batch, s.kvHeads, part.keys, s.headDim});
      Value v = slice(op.getValue(), {zero, zero, zero, zero},
                      {s.batch, s.kvHeads, part.keys, s.valueDim});
      Value mask;
      if (Value m = op.getMask()) {
        SmallVector<OpFoldResult> offs, szs;
        getMaskTile(rewriter, cast<RankedTensorType>(m.getType()),
                    {zero, zero, part.row0, zero},
                    {s.batch, s.queryHeads, part.rows, part.keys}, offs, szs);
        mask = slice(m, offs, szs);
      }
      SmallVector<OpFoldResult> outSizes = {s.batch, s.queryHeads, part.rows,
                                            s.valueDim};
      auto type = RankedTensorType::get(staticShape(outSizes),
                                        op.getType().getElementType());
      auto piece = SdpaOp::create(
          rewriter, loc, type, q, k, v, mask, op.getScaleAttr(),
          part.causal ? rewriter.getUnitAttr() : UnitAttr(), IntegerAttr());
      FailureOr<Value> tiled = tile(rewriter, piece);
      if (failed(tiled))
        return failure();
      rewriter.eraseOp(piece);
      result = tensor::InsertSliceOp::create(
          rewriter, loc, *tiled, result, {zero, zero, part.row0, zero},
          outSizes, SmallVector<OpFoldResult>(4, rewriter.getIndexAttr(1)));
    }
    return result;
  }

private:
  /// What every query block's loop reads.
  struct Problem {
    Value q, k, v, mask;
    OpFoldResult headDim, skv, dv, offset; // offset: null unless causal
    int64_t group, kvHeads;
    float scale;
    bool transposedKey;
  };

  /// Auto: a decoding step (a query of at most kDecodeQueryRows static
  /// rows, counted before attn-pack-query-groups made heads into rows)
  /// reads each key once per query block, so a transposed copy (read K,
  /// write Kᵀ, read Kᵀ) would triple the traffic of a memory-bound step;
  /// longer queries reuse each key across many rows and want the score
  /// loop's layout.
  bool useTransposedKeys(int64_t querySeq) const {
    switch (sizes.keyLayout) {
    case SdpaKeyLayout::Transposed:
      return true;
    case SdpaKeyLayout::Rows:
      return false;
    case SdpaKeyLayout::Auto:
      return ShapedType::isDynamic(querySeq) || querySeq > kDecodeQueryRows;
    }
    llvm_unreachable("unknown key layout");
  }

  /// The rows [i0, i0 + Bq) ∩ [0, Sq) of query block `qb`.
  std::pair<OpFoldResult, OpFoldResult> rowRange(IndexMath &im, Value qb,
                                                 OpFoldResult sq) const {
    // One block covers a short static query: its rows are static, which
    // lets the kernel size its row groups to them.
    if (std::optional<int64_t> n = getConstantIntValue(sq);
        n && *n <= sizes.queryBlock)
      return {im.b.getIndexAttr(0), sq};
    OpFoldResult i0 = im.apply(im.d(0) * sizes.queryBlock, {qb});
    OpFoldResult rows = im.min(
        {im.b.getAffineConstantExpr(sizes.queryBlock), im.d(0) - im.d(1)},
        {sq, i0});
    return {i0, rows};
  }

  /// The end of the keys any row of the block sees: Skv, or for causal
  /// attention the first key hidden from the block's last row.
  OpFoldResult visibleEnd(IndexMath &im, const Problem &p, OpFoldResult i0,
                          OpFoldResult rows) const {
    if (!p.offset)
      return p.skv;
    OpFoldResult rowEnd = im.apply(im.d(0) + im.d(1), {i0, rows});
    return causalKeyEnd(im.b, im.loc, rowEnd, p.offset, p.skv);
  }

  static Value slice2d(OpBuilder &b, Location loc, Value src,
                       ArrayRef<OpFoldResult> offs, ArrayRef<OpFoldResult> szs,
                       ArrayRef<OpFoldResult> resultSizes) {
    auto type = RankedTensorType::get(
        staticShape(resultSizes),
        cast<RankedTensorType>(src.getType()).getElementType());
    return tensor::ExtractSliceOp::create(
        b, loc, type, src, offs, szs,
        SmallVector<OpFoldResult>(offs.size(), b.getIndexAttr(1)));
  }

  /// The first key/value block that some row of the query block [i0, i0 +
  /// rows) must not see in full: blocks before it lie wholly at or below the
  /// diagonal of the block's first row (j0 + Bk − 1 ≤ i0 + offset), so every
  /// row sees all their keys and they need no causal rule.
  OpFoldResult firstDiagonalBlock(IndexMath &im, const Problem &p,
                                  OpFoldResult i0, OpFoldResult kvBegin,
                                  OpFoldResult kvEnd) const {
    int64_t bk = sizes.kvBlock;
    // kvBegin + ⌊(i0 + offset + 1 − kvBegin) / Bk⌋·Bk, within [kvBegin,
    // kvEnd] (a negative count: even the first block is on the diagonal).
    OpFoldResult whole = im.apply(
        im.d(0) + ((im.d(1) + im.d(2) + 1 - im.d(0)).floorDiv(bk)) * bk,
        {kvBegin, i0, p.offset});
    OpFoldResult atLeast = im.max({im.d(0), im.d(1)}, {kvBegin, whole});
    return im.min({im.d(0), im.d(1)}, {atLeast, kvEnd});
  }

  /// The online-softmax loop over the key/value blocks in [kvBegin, kvEnd)
  /// for one query block; returns the final (acc, max, sum). With a causal
  /// rule it is two loops: the blocks wholly below the diagonal, whose
  /// online_attention has no causal_shift (no per-element rule), then the
  /// diagonal blocks with it. Blocks wholly above the diagonal lie past
  /// kvEnd (visibleEnd) and are never visited.
  SmallVector<Value> buildKvLoop(OpBuilder &b, Location loc, const Problem &p,
                                 OpFoldResult bIv, OpFoldResult hIv,
                                 OpFoldResult i0, OpFoldResult rows,
                                 OpFoldResult kvBegin,
                                 OpFoldResult kvEnd) const {
    IndexMath im{b, loc};
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    OpFoldResult kvHead = kvHeadOf(b, loc, hIv, p.group);
    Value qTile = slice2d(b, loc, p.q, {bIv, hIv, i0, zero},
                          {one, one, rows, p.headDim}, {rows, p.headDim});
    SmallVector<Value> state = {filledF32(b, loc, {rows, p.dv}, 0.0),
                                filledF32(b, loc, {rows}, -INFINITY),
                                filledF32(b, loc, {rows}, 0.0)};
    auto loop = [&](OpFoldResult from, OpFoldResult to, bool causal) {
      auto forOp = scf::ForOp::create(
          b, loc, im.value(from), im.value(to),
          im.value(b.getIndexAttr(sizes.kvBlock)), state,
          [&](OpBuilder &nb, Location nloc, Value j0, ValueRange carried) {
            IndexMath jm{nb, nloc};
            OpFoldResult keys = jm.min(
                {nb.getAffineConstantExpr(sizes.kvBlock), jm.d(0) - jm.d(1)},
                {kvEnd, j0});
            SmallVector<OpFoldResult, 2> kAt = keyLayout<OpFoldResult>(
                                             p.transposedKey, j0, zero),
                                         kSize = keyLayout(p.transposedKey,
                                                           keys, p.headDim);
            Value kTile = slice2d(nb, nloc, p.k, {bIv, kvHead, kAt[0], kAt[1]},
                                  {one, one, kSize[0], kSize[1]}, kSize);
            Value vTile = slice2d(nb, nloc, p.v, {bIv, kvHead, j0, zero},
                                  {one, one, keys, p.dv}, {keys, p.dv});
            Value maskTile;
            if (p.mask)
              maskTile =
                  sliceMask(nb, nloc, p.mask, bIv, hIv, i0, rows, j0, keys);
            Value shift;
            if (causal)
              shift = jm.value(blockCausalShift(nb, nloc, i0, p.offset, j0));
            auto step = OnlineAttentionOp::create(
                nb, nloc, carried.getTypes(), qTile, kTile, vTile, maskTile,
                carried[0], carried[1], carried[2], shift,
                nb.getF32FloatAttr(p.scale),
                p.transposedKey ? nb.getUnitAttr() : UnitAttr());
            scf::YieldOp::create(nb, nloc, step.getResults());
          });
      state.assign(forOp.getResults().begin(), forOp.getResults().end());
    };
    if (!p.offset) {
      loop(kvBegin, kvEnd, /*causal=*/false);
      return state;
    }
    OpFoldResult diagonal = firstDiagonalBlock(im, p, i0, kvBegin, kvEnd);
    // Loops that fold to empty are not built.
    auto empty = [](OpFoldResult from, OpFoldResult to) {
      std::optional<int64_t> f = getConstantIntValue(from),
                             t = getConstantIntValue(to);
      return (f && t && *f >= *t) || from == to;
    };
    if (!empty(kvBegin, diagonal))
      loop(kvBegin, diagonal, /*causal=*/false);
    if (!empty(diagonal, kvEnd))
      loop(diagonal, kvEnd, /*causal=*/true);
    return state;
  }

  /// acc / sum, 0 for a row that saw no unmasked key, in `elementType`,
  /// written into `init`.
  static Value normalize(OpBuilder &b, Location loc, Value acc, Value sum,
                         Value init) {
    Type elementType = cast<RankedTensorType>(init.getType()).getElementType();
    int64_t rank = cast<RankedTensorType>(acc.getType()).getRank();
    AffineMap id = b.getMultiDimIdentityMap(rank);
    AffineMap row = id.dropResult(rank - 1);
    return buildElementwise(
        b, loc, {acc, sum}, {id, row}, init,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          return fromF32(nb, nloc, buildSafeDivide(nb, nloc, args[0], args[1]),
                         elementType);
        });
  }

  /// forall (b, h, qb, split): each split runs the loop over its share of the
  /// key/value blocks into partial (acc, max, sum); a combine step rescales
  /// the partials to the common row max and adds them (split-K, for short
  /// query lengths over long key/value sequences, e.g. decoding).
  Value buildSplit(PatternRewriter &rewriter, Location loc, const Problem &p,
                   ArrayRef<OpFoldResult> bhs, OpFoldResult numBlocks) const {
    IndexMath im{rewriter, loc};
    OpFoldResult zero = rewriter.getIndexAttr(0),
                 one = rewriter.getIndexAttr(1);
    OpFoldResult splits = rewriter.getIndexAttr(sizes.kvSplits);
    SmallVector<OpFoldResult> partShape = {bhs[0], bhs[1], splits, bhs[2]};
    Value accP =
        emptyTensor(rewriter, loc, {bhs[0], bhs[1], splits, bhs[2], p.dv},
                    rewriter.getF32Type());
    Value maxP = emptyTensor(rewriter, loc, partShape, rewriter.getF32Type());
    Value sumP = emptyTensor(rewriter, loc, partShape, rewriter.getF32Type());
    auto forall = scf::ForallOp::create(
        rewriter, loc,
        ArrayRef<OpFoldResult>{bhs[0], bhs[1], numBlocks, splits},
        ValueRange{accP, maxP, sumP}, std::nullopt);
    {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(forall.getBody());
      SmallVector<Value> ivs = forall.getInductionVars();
      auto [i0, rows] = rowRange(im, ivs[2], bhs[2]);
      OpFoldResult end = visibleEnd(im, p, i0, rows);
      // Each split takes a whole number of blocks: ⌈⌈end / Bk⌉ / splits⌉.
      int64_t bk = sizes.kvBlock;
      OpFoldResult share =
          im.apply((im.d(0).ceilDiv(bk)).ceilDiv(sizes.kvSplits) * bk, {end});
      // split · share is a product of two values: not affine, so arith.
      Value shareV = im.value(share), endV = im.value(end);
      Value first = arith::MulIOp::create(rewriter, loc, ivs[3], shareV);
      Value last = arith::AddIOp::create(rewriter, loc, first, shareV);
      OpFoldResult begin =
          arith::MinSIOp::create(rewriter, loc, first, endV).getResult();
      OpFoldResult stop =
          arith::MinSIOp::create(rewriter, loc, last, endV).getResult();
      SmallVector<Value> state =
          buildKvLoop(rewriter, loc, p, ivs[0], ivs[1], i0, rows, begin, stop);
      rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
      ValueRange outs = forall.getRegionIterArgs();
      tensor::ParallelInsertSliceOp::create(
          rewriter, loc, state[0], outs[0],
          ArrayRef<OpFoldResult>{ivs[0], ivs[1], ivs[3], i0, zero},
          ArrayRef<OpFoldResult>{one, one, one, rows, p.dv},
          SmallVector<OpFoldResult>(5, one));
      for (int i = 1; i < 3; ++i)
        tensor::ParallelInsertSliceOp::create(
            rewriter, loc, state[i], outs[i],
            ArrayRef<OpFoldResult>{ivs[0], ivs[1], ivs[3], i0},
            ArrayRef<OpFoldResult>{one, one, one, rows},
            SmallVector<OpFoldResult>(4, one));
    }
    return combineSplits(rewriter, loc, p, bhs, forall.getResults());
  }

  /// O = Σ_s e_s·acc_s / Σ_s e_s·sum_s with e_s = exp(max_s − M), M the max
  /// over splits (0 when every split saw only masked keys).
  Value combineSplits(OpBuilder &b, Location loc, const Problem &p,
                      ArrayRef<OpFoldResult> bhs, ValueRange parts) const {
    MLIRContext *ctx = b.getContext();
    auto d = [&](unsigned i) { return b.getAffineDimExpr(i); };
    using utils::IteratorType;
    IteratorType par = IteratorType::parallel, red = IteratorType::reduction;
    auto generic =
        [&](ValueRange ins, Value init, ArrayRef<AffineMap> maps,
            ArrayRef<IteratorType> iters,
            function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
          return buildGeneric(b, loc, ins, init, maps, iters, body);
        };
    auto weight = [](OpBuilder &nb, Location nl, Value m, Value top) {
      return buildSafeExp(nb, nl, m, top);
    };
    // Loops (b, h, i, s) for the row quantities.
    AffineMap bhis = AffineMap::get(4, 0, {d(0), d(1), d(3), d(2)}, ctx);
    AffineMap bhi = AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx);
    Value top = generic(
        parts[1], filledF32(b, loc, bhs, -INFINITY), {bhis, bhi},
        {par, par, par, red}, [](OpBuilder &nb, Location nl, ValueRange a) {
          return arith::MaximumFOp::create(nb, nl, a[0], a[1]).getResult();
        });
    Value sum =
        generic({parts[1], parts[2], top}, filledF32(b, loc, bhs, 0.0),
                {bhis, bhis, bhi, bhi}, {par, par, par, red},
                [&](OpBuilder &nb, Location nl, ValueRange a) {
                  Value w = weight(nb, nl, a[0], a[2]);
                  Value t = arith::MulFOp::create(nb, nl, w, a[1]);
                  return arith::AddFOp::create(nb, nl, a[3], t).getResult();
                });
    // Loops (b, h, i, c, s) for the accumulator.
    SmallVector<OpFoldResult> outShape = {bhs[0], bhs[1], bhs[2], p.dv};
    AffineMap accS = AffineMap::get(5, 0, {d(0), d(1), d(4), d(2), d(3)}, ctx);
    AffineMap rowS = AffineMap::get(5, 0, {d(0), d(1), d(4), d(2)}, ctx);
    AffineMap row = AffineMap::get(5, 0, {d(0), d(1), d(2)}, ctx);
    AffineMap out = AffineMap::get(5, 0, {d(0), d(1), d(2), d(3)}, ctx);
    Value acc =
        generic({parts[0], parts[1], top}, filledF32(b, loc, outShape, 0.0),
                {accS, rowS, row, out}, {par, par, par, par, red},
                [&](OpBuilder &nb, Location nl, ValueRange a) {
                  Value w = weight(nb, nl, a[1], a[2]);
                  Value t = arith::MulFOp::create(nb, nl, w, a[0]);
                  return arith::AddFOp::create(nb, nl, a[3], t).getResult();
                });
    Type outType = cast<RankedTensorType>(p.v.getType()).getElementType();
    return normalize(b, loc, acc, sum, emptyTensor(b, loc, outShape, outType));
  }

public:
  /// Kᵀ (B×Hkv×D×Skv), one (batch, head) per parallel iteration, so the
  /// O(S·D) copy does not run on one thread while the others wait.
  static Value transposeKeys(PatternRewriter &rewriter, Location loc, Value k,
                             OpFoldResult headDim, OpFoldResult skv,
                             Type elementType) {
    OpFoldResult batch =
        tensor::getMixedSize(rewriter, loc, k, sdpa_dim::kBatch);
    OpFoldResult heads =
        tensor::getMixedSize(rewriter, loc, k, sdpa_dim::kHeads);
    OpFoldResult zero = rewriter.getIndexAttr(0),
                 one = rewriter.getIndexAttr(1);
    SmallVector<OpFoldResult, 2> stored = keyLayout(false, skv, headDim),
                                 transposed = keyLayout(true, skv, headDim);
    Value init =
        emptyTensor(rewriter, loc, {batch, heads, transposed[0], transposed[1]},
                    elementType);
    auto forall = scf::ForallOp::create(rewriter, loc,
                                        ArrayRef<OpFoldResult>{batch, heads},
                                        ValueRange{init}, std::nullopt);
    OpBuilder::InsertionGuard guard(rewriter);
    rewriter.setInsertionPointToStart(forall.getBody());
    SmallVector<Value> ivs = forall.getInductionVars();
    Value src = slice2d(rewriter, loc, k, {ivs[0], ivs[1], zero, zero},
                        {one, one, stored[0], stored[1]}, stored);
    Value dst = slice2d(rewriter, loc, forall.getRegionIterArgs()[0],
                        {ivs[0], ivs[1], zero, zero},
                        {one, one, transposed[0], transposed[1]}, transposed);
    Value tile = linalg::TransposeOp::create(rewriter, loc, src, dst,
                                             ArrayRef<int64_t>{1, 0})
                     .getResult()[0];
    rewriter.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(
        rewriter, loc, tile, forall.getRegionIterArgs()[0],
        ArrayRef<OpFoldResult>{ivs[0], ivs[1], zero, zero},
        ArrayRef<OpFoldResult>{one, one, transposed[0], transposed[1]},
        ArrayRef<OpFoldResult>{one, one, one, one});
    return forall.getResult(0);
  }

  /// The mask the kernels read: additive (a boolean keep-mask becomes f32
  /// 0 / −inf) and spanning every key (a mask broadcast along the keys,
  /// last dim 1, is expanded to Skv), made once before the loops so every
  /// key block can slice it. Other masks are returned as they are.
  static Value kernelMask(OpBuilder &b, Location loc, Value mask,
                          OpFoldResult skv) {
    if (!mask)
      return mask;
    auto type = cast<RankedTensorType>(mask.getType());
    int64_t rank = type.getRank();
    bool boolean = type.getElementType().isInteger(1);
    bool keyBroadcast = maskDimBroadcasts(type, rank - 1) &&
                        getConstantIntValue(skv) != std::optional<int64_t>(1);
    if (!boolean && !keyBroadcast)
      return mask;
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, mask);
    sizes.back() = skv;
    Type elementType = boolean ? b.getF32Type() : type.getElementType();
    Value init = emptyTensor(b, loc, sizes, elementType);
    AffineMap read = b.getMultiDimIdentityMap(rank);
    if (keyBroadcast)
      read = read.replace(b.getAffineDimExpr(rank - 1),
                          b.getAffineConstantExpr(0), rank, 0);
    return buildElementwise(
        b, loc, {mask}, {read}, init,
        [&](OpBuilder &nb, Location nl, ValueRange args) -> Value {
          return boolean ? buildKeepMaskBias(nb, nl, args[0]) : args[0];
        });
  }

  /// The Bq×Bk (or 1×Bk) block of a mask aligned on the right with
  /// (b, h, i, j); static size-1 dims broadcast.
  static Value sliceMask(OpBuilder &b, Location loc, Value mask,
                         OpFoldResult bIv, OpFoldResult hIv, OpFoldResult i0,
                         OpFoldResult rows, Value j0, OpFoldResult keys) {
    auto type = cast<RankedTensorType>(mask.getType());
    OpFoldResult one = b.getIndexAttr(1);
    SmallVector<OpFoldResult> offs, szs;
    getMaskTile(b, type, {bIv, hIv, i0, j0}, {one, one, rows, keys}, offs, szs);
    // Rank-reduce to the 2-D (rows|1)×keys block.
    auto dimOf = [&](unsigned loop) -> OpFoldResult {
      int64_t i = loop - maskScoreDim(type, 0);
      return i >= 0 ? szs[i] : one;
    };
    SmallVector<OpFoldResult> blockSizes = {dimOf(sdpa_dim::kSeq),
                                            dimOf(sdpa_dim::kKeys)};
    SmallVector<int64_t> blockShape = staticShape(blockSizes);
    if (type.getRank() == 1) {
      // A mask over keys only: slice it, then give it its unit row dim.
      Value keysOnly = tensor::ExtractSliceOp::create(
          b, loc,
          RankedTensorType::get({blockShape[online_dim::kKeys]},
                                type.getElementType()),
          mask, offs, szs, SmallVector<OpFoldResult>(offs.size(), one));
      return tensor::ExpandShapeOp::create(
          b, loc, RankedTensorType::get(blockShape, type.getElementType()),
          keysOnly, ArrayRef<ReassociationIndices>{{0, 1}}, blockSizes);
    }
    auto resultType = RankedTensorType::get(blockShape, type.getElementType());
    return tensor::ExtractSliceOp::create(
        b, loc, resultType, mask, offs, szs,
        SmallVector<OpFoldResult>(offs.size(), one));
  }

  SdpaTileSizes sizes;
};

} // namespace

void mlir::attn::populateAttnTileSdpaPatterns(RewritePatternSet &patterns,
                                              const SdpaTileSizes &sizes) {
  patterns.add<TileSdpa>(patterns.getContext(), sizes);
}
