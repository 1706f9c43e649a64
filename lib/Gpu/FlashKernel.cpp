//===- FlashKernel.cpp - the block-mapped flash attention loop nest -------===//
//
// A thread block computes `queryBlock` query rows of one (batch, query head):
//
//   stretch 1: stage the Q tile in shared memory (transposed, D×rows, so
//              that the threads' reads of their rows hit distinct banks);
//              every thread resets its row's state            — barrier
//   for each key/value block the query block sees (a causal block stops at
//   the first key its last row cannot see):
//     stretch 2: stage the K and V tiles                       — barrier
//     stretch 3: every thread folds the tile's keys into its row's
//                online softmax (running max, sum, accumulator) — barrier
//   stretch 4: every thread writes its row once: acc / sum.
//
// The copies are cooperative (chunk c of a tile goes to thread c mod T),
// so consecutive threads read consecutive global addresses.
//
//===----------------------------------------------------------------------===//

#include "FlashKernel.h"

#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::gpu_flash;

/// The widest of 4, 2, 1 elements that divides `size`: the vector width of
/// the copies and of the dot product along the head dim.
static int64_t chunkWidth(int64_t size) {
  return size % 4 == 0 ? 4 : size % 2 == 0 ? 2 : 1;
}

static Value idx(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

static Value apply(OpBuilder &b, Location loc, AffineExpr expr,
                   ArrayRef<OpFoldResult> operands) {
  return getValueOrCreateConstantIndexOp(
      b, loc, affine::makeComposedFoldedAffineApply(b, loc, expr, operands));
}

static Value f32(OpBuilder &b, Location loc, double v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

int64_t mlir::attn::gpu_flash::FlashShape::sharedMemoryBytes() const {
  if (mma)
    return mmaSharedMemoryBytes(*this);
  return 4 * (queryBlock * headDim + kvBlock * (headDim + valueDim));
}

namespace {
/// Where a tile of a B×H×S×D operand starts.
struct TileSource {
  Value memref, batch, head, rowStart;
  int64_t rows;      ///< rows in the tile
  int64_t totalRows; ///< S: rows past it are not read
  int64_t width;     ///< D
};
} // namespace

/// Thread `tid` of `threads` copies its chunks of the tile into `dst`
/// (rows×D, or D×rows when `transpose`). Rows past the end are not read;
/// their part of `dst` is left as it was (nothing reads it).
static void copyTile(OpBuilder &b, Location loc, const TileSource &src,
                     Value dst, bool transpose, Value tid, int64_t threads,
                     bool aligned) {
  int64_t w = chunkWidth(src.width);
  int64_t perRow = src.width / w;
  AffineExpr c = b.getAffineDimExpr(0);
  Type elem = cast<MemRefType>(src.memref.getType()).getElementType();
  auto vecType = VectorType::get({w}, elem);
  auto f32VecType = VectorType::get({w}, b.getF32Type());
  llvm::MaybeAlign align =
      aligned ? llvm::MaybeAlign(w * elem.getIntOrFloatBitWidth() / 8)
              : std::nullopt;
  scf::ForOp::create(
      b, loc, tid, idx(b, loc, src.rows * perRow), idx(b, loc, threads),
      ValueRange(), [&](OpBuilder &b, Location loc, Value chunk, ValueRange) {
        Value r = apply(b, loc, c.floorDiv(perRow), {chunk});
        Value col = apply(b, loc, (c % perRow) * w, {chunk});
        Value row = arith::AddIOp::create(b, loc, src.rowStart, r);
        Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                             row, idx(b, loc, src.totalRows));
        auto ifOp = scf::IfOp::create(b, loc, inside, /*withElse=*/false);
        OpBuilder then = ifOp.getThenBodyBuilder();
        Value v = vector::LoadOp::create(
            then, loc, vecType, src.memref,
            ValueRange{src.batch, src.head, row, col}, false, align);
        if (elem != then.getF32Type())
          v = arith::ExtFOp::create(then, loc, f32VecType, v);
        if (!transpose) {
          vector::StoreOp::create(then, loc, v, dst, ValueRange{r, col});
        } else {
          for (int64_t i = 0; i < w; ++i) {
            Value e = vector::ExtractOp::create(then, loc, v, i);
            Value d = arith::AddIOp::create(then, loc, col, idx(then, loc, i));
            memref::StoreOp::create(then, loc, e, dst, ValueRange{d, r});
          }
        }
        scf::YieldOp::create(b, loc);
      });
}

/// Σ_d Q[row, d] · K[key, d], Q read from the transposed tile (D×rows).
static Value buildDot(OpBuilder &b, Location loc, Value sharedQT, Value tid,
                      Value sharedK, Value key, int64_t headDim) {
  int64_t w = chunkWidth(headDim);
  auto vecType = VectorType::get({w}, b.getF32Type());
  Value zero = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(vecType, b.getF32FloatAttr(0.0)));
  auto loop = scf::ForOp::create(
      b, loc, idx(b, loc, 0), idx(b, loc, headDim), idx(b, loc, w),
      ValueRange{zero},
      [&](OpBuilder &b, Location loc, Value d, ValueRange args) {
        SmallVector<Value> qs;
        for (int64_t i = 0; i < w; ++i) {
          Value di = arith::AddIOp::create(b, loc, d, idx(b, loc, i));
          qs.push_back(
              memref::LoadOp::create(b, loc, sharedQT, ValueRange{di, tid}));
        }
        Value q = vector::FromElementsOp::create(b, loc, vecType, qs);
        Value k = vector::LoadOp::create(b, loc, vecType, sharedK,
                                         ValueRange{key, d});
        Value acc = vector::FMAOp::create(b, loc, q, k, args[0]);
        scf::YieldOp::create(b, loc, acc);
      });
  return vector::ReductionOp::create(b, loc, vector::CombiningKind::ADD,
                                     loop.getResult(0));
}

/// The mask is lined up with the scores on the right and its static size-1
/// dims broadcast (the semantics module's rules). A row past Sq (a thread of
/// the last, partial query block) reads row Sq − 1, a key past Skv key
/// Skv − 1: those scores are never used.
Value mlir::attn::gpu_flash::loadMaskValue(OpBuilder &b, Location loc,
                                           const FlashShape &shape, Value mask,
                                           Value batch, Value head, Value row,
                                           Value key) {
  RankedTensorType type = shape.maskType;
  Value clampedRow =
      arith::MinUIOp::create(b, loc, row, idx(b, loc, shape.querySeq - 1));
  Value clampedKey =
      arith::MinUIOp::create(b, loc, key, idx(b, loc, shape.kvSeq - 1));
  Value scoreIndex[sdpa_dim::kRank] = {batch, head, clampedRow, clampedKey};
  SmallVector<Value> indices;
  for (int64_t d = 0, e = type.getRank(); d < e; ++d)
    indices.push_back(maskDimBroadcasts(type, d)
                          ? idx(b, loc, 0)
                          : scoreIndex[maskScoreDim(type, d)]);
  return memref::LoadOp::create(b, loc, mask, indices);
}

BlockCoords mlir::attn::gpu_flash::buildBlockCoords(OpBuilder &b, Location loc,
                                                    const FlashShape &shape,
                                                    Value queryBlockId,
                                                    Value batchHeadId) {
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  int64_t group = shape.queryHeads / shape.kvHeads;
  BlockCoords c;
  c.batch = apply(b, loc, d0.floorDiv(shape.queryHeads), {batchHeadId});
  c.head = apply(b, loc, d0 % shape.queryHeads, {batchHeadId});
  c.kvHead =
      getValueOrCreateConstantIndexOp(b, loc, kvHeadOf(b, loc, c.head, group));
  c.rowStart = apply(b, loc, d0 * shape.queryBlock, {queryBlockId});

  // The keys the block sees: all, or up to the first key hidden from its
  // last row (the causal rule, from the semantics module).
  c.kvEnd = b.getIndexAttr(shape.kvSeq);
  if (shape.causalOffset) {
    c.offset = idx(b, loc, *shape.causalOffset);
    OpFoldResult rowEnd = affine::makeComposedFoldedAffineMin(
        b, loc,
        AffineMap::get(
            1, 0,
            {d0 + shape.queryBlock, getAffineConstantExpr(shape.querySeq, ctx)},
            ctx),
        {c.rowStart});
    c.kvEnd = causalKeyEnd(b, loc, rowEnd, c.offset, c.kvEnd);
  }
  c.numKvBlocks = apply(b, loc, d0.ceilDiv(shape.kvBlock), {c.kvEnd});
  return c;
}

void mlir::attn::gpu_flash::buildFlashBlock(
    OpBuilder &b, Location loc, const FlashShape &shape,
    const FlashBuffers &buf, ThreadModel &model, Value queryBlockId,
    Value batchHeadId, bool alignedGlobalLoads) {
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  int64_t threads = shape.queryBlock;
  auto accType = VectorType::get({shape.valueDim}, b.getF32Type());
  BlockCoords coords =
      buildBlockCoords(b, loc, shape, queryBlockId, batchHeadId);
  Value batch = coords.batch, head = coords.head, kvHead = coords.kvHead,
        rowStart = coords.rowStart, offset = coords.offset,
        numKvBlocks = coords.numKvBlocks;
  OpFoldResult kvEnd = coords.kvEnd;

  // Stretch 1: the Q tile, and every row's state reset.
  model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
    copyTile(b, loc,
             {buf.query, batch, head, rowStart, shape.queryBlock,
              shape.querySeq, shape.headDim},
             buf.sharedQ, /*transpose=*/true, tid, threads, alignedGlobalLoads);
    Value slot = model.stateSlot(b, loc, tid);
    memref::StoreOp::create(b, loc, f32(b, loc, -INFINITY), buf.rowMax, slot);
    memref::StoreOp::create(b, loc, f32(b, loc, 0.0), buf.rowSum, slot);
    Value zeros = arith::ConstantOp::create(
        b, loc, DenseElementsAttr::get(accType, b.getF32FloatAttr(0.0)));
    vector::StoreOp::create(b, loc, zeros, buf.acc,
                            ValueRange{slot, idx(b, loc, 0)});
  });
  model.barrier(b, loc);

  Value scale = f32(b, loc, shape.scale);
  scf::ForOp::create(
      b, loc, idx(b, loc, 0), numKvBlocks, idx(b, loc, 1), ValueRange(),
      [&](OpBuilder &b, Location loc, Value kvBlock, ValueRange) {
        Value keyStart = apply(b, loc, d0 * shape.kvBlock, {kvBlock});
        // Stretch 2: the K and V tiles.
        model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
          copyTile(b, loc,
                   {buf.key, batch, kvHead, keyStart, shape.kvBlock,
                    shape.kvSeq, shape.headDim},
                   buf.sharedK, false, tid, threads, alignedGlobalLoads);
          copyTile(b, loc,
                   {buf.value, batch, kvHead, keyStart, shape.kvBlock,
                    shape.kvSeq, shape.valueDim},
                   buf.sharedV, false, tid, threads, alignedGlobalLoads);
        });
        model.barrier(b, loc);
        // Stretch 3: each thread folds the tile's keys into its row.
        model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
          Value row = arith::AddIOp::create(b, loc, rowStart, tid);
          Value slot = model.stateSlot(b, loc, tid);
          Value zero = idx(b, loc, 0);
          Value m = memref::LoadOp::create(b, loc, buf.rowMax, slot);
          Value l = memref::LoadOp::create(b, loc, buf.rowSum, slot);
          Value acc = vector::LoadOp::create(b, loc, accType, buf.acc,
                                             ValueRange{slot, zero});
          AffineExpr d1 = getAffineDimExpr(1, ctx);
          Value keys = getValueOrCreateConstantIndexOp(
              b, loc,
              affine::makeComposedFoldedAffineMin(
                  b, loc,
                  AffineMap::get(
                      2, 0,
                      {getAffineConstantExpr(shape.kvBlock, ctx), d1 - d0},
                      ctx),
                  {keyStart, kvEnd}));
          auto loop = scf::ForOp::create(
              b, loc, zero, keys, idx(b, loc, 1), ValueRange{m, l, acc},
              [&](OpBuilder &b, Location loc, Value j, ValueRange state) {
                Value dot = buildDot(b, loc, buf.sharedQ, tid, buf.sharedK, j,
                                     shape.headDim);
                Value key = arith::AddIOp::create(b, loc, keyStart, j);
                auto hidden = [&](OpBuilder &b, Location loc) {
                  return buildCausallyHidden(
                      b, loc, key, buildCausalLimit(b, loc, row, offset));
                };
                Value maskValue = buf.mask
                                      ? loadMaskValue(b, loc, shape, buf.mask,
                                                      batch, head, row, key)
                                      : Value();
                Value s = buildMaskedScore(
                    b, loc, dot, scale, maskValue,
                    offset ? function_ref<Value(OpBuilder &, Location)>(hidden)
                           : nullptr);
                Value mNew = arith::MaximumFOp::create(b, loc, state[0], s);
                Value alpha = buildSafeExp(b, loc, state[0], mNew);
                Value p = buildSafeExp(b, loc, s, mNew);
                Value lNew = arith::AddFOp::create(
                    b, loc, arith::MulFOp::create(b, loc, state[1], alpha), p);
                Value v = vector::LoadOp::create(b, loc, accType, buf.sharedV,
                                                 ValueRange{j, idx(b, loc, 0)});
                Value scaled = arith::MulFOp::create(
                    b, loc, state[2],
                    vector::BroadcastOp::create(b, loc, accType, alpha));
                Value accNew = vector::FMAOp::create(
                    b, loc, vector::BroadcastOp::create(b, loc, accType, p), v,
                    scaled);
                scf::YieldOp::create(b, loc, ValueRange{mNew, lNew, accNew});
              });
          memref::StoreOp::create(b, loc, loop.getResult(0), buf.rowMax, slot);
          memref::StoreOp::create(b, loc, loop.getResult(1), buf.rowSum, slot);
          vector::StoreOp::create(b, loc, loop.getResult(2), buf.acc,
                                  ValueRange{slot, zero});
        });
        model.barrier(b, loc);
        scf::YieldOp::create(b, loc);
      });

  // Stretch 4: each row written once.
  model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
    Value row = arith::AddIOp::create(b, loc, rowStart, tid);
    Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult, row,
                                         idx(b, loc, shape.querySeq));
    auto ifOp = scf::IfOp::create(b, loc, inside, /*withElse=*/false);
    OpBuilder then = ifOp.getThenBodyBuilder();
    Value slot = model.stateSlot(then, loc, tid);
    Value l = memref::LoadOp::create(then, loc, buf.rowSum, slot);
    Value acc = vector::LoadOp::create(then, loc, accType, buf.acc,
                                       ValueRange{slot, idx(then, loc, 0)});
    Value o = buildSafeDivide(
        then, loc, acc, vector::BroadcastOp::create(then, loc, accType, l));
    auto outType = cast<MemRefType>(buf.out.getType());
    Type elem = outType.getElementType();
    if (elem != then.getF32Type())
      o = arith::TruncFOp::create(then, loc,
                                  VectorType::get({shape.valueDim}, elem), o);
    vector::StoreOp::create(then, loc, o, buf.out,
                            ValueRange{batch, head, row, idx(then, loc, 0)});
  });
}
