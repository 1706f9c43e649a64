//===- MmaFlashKernel.cpp - the tensor-core flash attention block ---------===//
//
// The f16/bf16 kernel, FlashAttention-2's warp layout (Dao 2023, §3.3):
// a block of `queryBlock` rows has queryBlock/16 warps, warp w owns rows
// [16w, 16w + 16) and keeps them in mma.sync m16n8k16 fragments:
//
//   stretch 1: stage the Q tile in shared memory; reset the state — barrier
//   stretch 2: each warp loads its Q fragments (ldmatrix)        — barrier
//   for each key/value block the query block sees:
//     stage the K tile (over the Q tile's memory) and the V tile — barrier
//     S = Q·Kᵀ: per 16 keys, the K fragments (ldmatrix), then mma.sync;
//     the scores scaled and masked (the semantics module's rules), each
//     row's max over the tile reduced over the 4 lanes that hold the row
//     (shuffles), the rescaling of the accumulators and partial sums, and
//     P = exp(S − max) rounded to f16/bf16 in the A-fragment layout: the
//     m16n8 accumulators of two adjacent key tiles are exactly the
//     m16k16 A fragment, so P never leaves registers;
//     O += P·V: per 16 value columns, the V fragments (ldmatrix.trans),
//     then mma.sync                                                — barrier
//   the partial row sums reduced over the quad; O / sum written once.
//
// Every fragment lives in a per-thread state buffer at constant offsets
// (registers on the GPU); the warp collectives (ldmatrix, mma.sync,
// shuffles) are the ThreadModel's, so that the CPU emulation runs the same
// staging, fragment layouts and reductions with the lanes as loops.
//
//===----------------------------------------------------------------------===//

#include "FlashKernel.h"

#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::gpu_flash;

static Value idx(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

static Value f32(OpBuilder &b, Location loc, double v) {
  return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(v));
}

/// affine.apply (folded) of `expr` on dims `operands`: index maths as
/// affine maps, so that the lowering can simplify it.
static Value apply(OpBuilder &b, Location loc, AffineExpr expr,
                   ArrayRef<OpFoldResult> operands) {
  return getValueOrCreateConstantIndexOp(
      b, loc, affine::makeComposedFoldedAffineApply(b, loc, expr, operands));
}

static Value zeros(OpBuilder &b, Location loc, int64_t n, Type elem) {
  auto type = VectorType::get({n}, elem);
  return arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(type, b.getZeroAttr(elem)));
}

// The state is read and written one element at a time, at constant
// offsets, so that on the GPU LLVM's SROA splits the private buffers into
// scalars and keeps them all in registers (mixed vector widths on one
// buffer left parts of it on the stack).
static Value loadState(OpBuilder &b, Location loc, Value buf, Value slot,
                       int64_t off, int64_t n) {
  Type elem = cast<MemRefType>(buf.getType()).getElementType();
  SmallVector<Value> elems;
  for (int64_t i = 0; i < n; ++i)
    elems.push_back(memref::LoadOp::create(
        b, loc, buf, ValueRange{slot, idx(b, loc, off + i)}));
  return vector::FromElementsOp::create(b, loc, VectorType::get({n}, elem),
                                        elems);
}

static void storeState(OpBuilder &b, Location loc, Value v, Value buf,
                       Value slot, int64_t off) {
  for (int64_t i = 0, e = cast<VectorType>(v.getType()).getNumElements(); i < e;
       ++i)
    memref::StoreOp::create(b, loc, vector::ExtractOp::create(b, loc, v, i),
                            buf, ValueRange{slot, idx(b, loc, off + i)});
}

static SmallVector<Value> elements(OpBuilder &b, Location loc, Value v) {
  SmallVector<Value> out;
  for (int64_t i = 0, e = cast<VectorType>(v.getType()).getNumElements(); i < e;
       ++i)
    out.push_back(vector::ExtractOp::create(b, loc, v, i));
  return out;
}

SmallVector<int64_t>
mlir::attn::gpu_flash::mmaStateSizes(const FlashShape &shape) {
  int64_t dSteps = shape.headDim / 16, keySteps = shape.kvBlock / 16;
  return {
      dSteps * 8,                     // queryFrags: A, 16 rows × D
      std::max(dSteps, keySteps) * 8, // operandFrags: B pairs of K or V
      shape.kvBlock / 2,              // scores: C, 16 rows × kvBlock
      shape.kvBlock / 2,              // probs: A, 16 rows × kvBlock
      shape.valueDim / 2,             // acc: C, 16 rows × Dv
      2,                              // rowMax: rows g and g + 8
      2,                              // rowSum: the lane's partial sums
      2,                              // exchange: what a quad reduces
  };
}

int64_t mlir::attn::gpu_flash::mmaSharedMemoryBytes(const FlashShape &shape) {
  int64_t qkRows = std::max(shape.queryBlock, shape.kvBlock);
  return 2 * (qkRows * (shape.headDim + kMmaRowPad) +
              shape.kvBlock * (shape.valueDim + kMmaRowPad));
}

namespace {
/// Where a tile of a B×H×S×D operand starts.
struct TileSource {
  Value memref, batch, head, rowStart;
  int64_t rows;      ///< rows in the tile
  int64_t totalRows; ///< S: rows past it are zeros
  int64_t width;     ///< D
};
} // namespace

/// Thread `tid` of `threads` copies its 16-byte chunks of the tile into
/// `dst` (rows × (D + pad)); rows past the end are zeros, so that a partial
/// tile adds nothing to a GEMM (0 · 0, never NaN). With `async` (the GPU),
/// each chunk is a cp.async (nvgpu.device_async_copy, L1 bypassed) that
/// reads 0 bytes and zero-fills past the end, from a clamped row; the
/// caller commits and waits for the group before its barrier. Otherwise
/// (the emulation) plain loads and stores.
static void stageTile(OpBuilder &b, Location loc, const TileSource &src,
                      Value dst, Value tid, int64_t threads, bool async) {
  const int64_t w = 8;
  int64_t perRow = src.width / w;
  AffineExpr c = b.getAffineDimExpr(0);
  Type elem = cast<MemRefType>(src.memref.getType()).getElementType();
  auto vecType = VectorType::get({w}, elem);
  scf::ForOp::create(
      b, loc, tid, idx(b, loc, src.rows * perRow), idx(b, loc, threads),
      ValueRange(), [&](OpBuilder &b, Location loc, Value chunk, ValueRange) {
        Value r = apply(b, loc, c.floorDiv(perRow), {chunk});
        Value col = apply(b, loc, (c % perRow) * w, {chunk});
        Value row = arith::AddIOp::create(b, loc, src.rowStart, r);
        Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                             row, idx(b, loc, src.totalRows));
        if (async) {
          Value clamped = arith::MinUIOp::create(
              b, loc, row, idx(b, loc, src.totalRows - 1));
          Value bytes = arith::SelectOp::create(b, loc, inside, idx(b, loc, w),
                                                idx(b, loc, 0));
          nvgpu::DeviceAsyncCopyOp::create(
              b, loc, nvgpu::DeviceAsyncTokenType::get(b.getContext()), dst,
              ValueRange{r, col}, src.memref,
              ValueRange{src.batch, src.head, clamped, col}, b.getIndexAttr(w),
              bytes, b.getUnitAttr());
          scf::YieldOp::create(b, loc);
          return;
        }
        auto ifOp = scf::IfOp::create(
            b, loc, inside,
            [&](OpBuilder &b, Location loc) {
              Value v = vector::LoadOp::create(
                  b, loc, vecType, src.memref,
                  ValueRange{src.batch, src.head, row, col});
              scf::YieldOp::create(b, loc, v);
            },
            [&](OpBuilder &b, Location loc) {
              scf::YieldOp::create(b, loc, zeros(b, loc, w, elem));
            });
        vector::StoreOp::create(b, loc, ifOp.getResult(0), dst,
                                ValueRange{r, col});
        scf::YieldOp::create(b, loc);
      });
}

/// Waits for this thread's cp.async copies (before the barrier that makes
/// every thread's copies visible).
static void waitForCopies(OpBuilder &b, Location loc, bool async) {
  if (!async)
    return;
  Value group = nvgpu::DeviceAsyncCreateGroupOp::create(
      b, loc, nvgpu::DeviceAsyncTokenType::get(b.getContext()), ValueRange());
  nvgpu::DeviceAsyncWaitOp::create(b, loc, group, b.getI32IntegerAttr(0));
}

void mlir::attn::gpu_flash::buildMmaFlashBlock(
    OpBuilder &b, Location loc, const FlashShape &shape, const MmaBuffers &buf,
    ThreadModel &model, Value queryBlockId, Value batchHeadId,
    bool asyncCopies) {
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx);
  const int64_t threads = 2 * shape.queryBlock;
  const int64_t dSteps = shape.headDim / 16, keySteps = shape.kvBlock / 16,
                valueTiles = shape.valueDim / 8;
  Type f32Type = b.getF32Type();
  BlockCoords coords =
      buildBlockCoords(b, loc, shape, queryBlockId, batchHeadId);

  // A thread's lane, warp, and its row and column in an m16n8 fragment.
  auto lane = [&](OpBuilder &b, Location loc, Value tid) {
    return apply(b, loc, d0 % 32, {tid});
  };
  // Stretch 1: the Q tile (its rows past Sq are zeros), the state reset.
  model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
    stageTile(b, loc,
              {buf.query, coords.batch, coords.head, coords.rowStart,
               shape.queryBlock, shape.querySeq, shape.headDim},
              buf.sharedQK, tid, threads, asyncCopies);
    waitForCopies(b, loc, asyncCopies);
    Value slot = model.stateSlot(b, loc, tid);
    storeState(b, loc, zeros(b, loc, shape.valueDim / 2, f32Type), buf.acc,
               slot, 0);
    Value minusInf = arith::ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(VectorType::get({2}, f32Type),
                               b.getF32FloatAttr(-INFINITY)));
    storeState(b, loc, minusInf, buf.rowMax, slot, 0);
    storeState(b, loc, zeros(b, loc, 2, f32Type), buf.rowSum, slot, 0);
  });
  model.barrier(b, loc);

  // Stretch 2: warp w's Q fragments, rows [16w, 16w + 16), 16 columns at a
  // time: matrices (rows 0-7, cols 0-7), (8-15, 0-7), (0-7, 8-15),
  // (8-15, 8-15), the m16k16 A layout.
  model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
    Value slot = model.stateSlot(b, loc, tid);
    Value firstRow = apply(b, loc, d0.floorDiv(32) * 16, {tid});
    for (int64_t kk = 0; kk < dSteps; ++kk) {
      Value frag = model.loadMatrix(
          b, loc, buf.sharedQK, tid, 4, /*transpose=*/false,
          [&](OpBuilder &b, Location loc, Value p) {
            Value row =
                apply(b, loc,
                      d0 + (getAffineDimExpr(1, ctx).floorDiv(8) % 2) * 8 +
                          getAffineDimExpr(1, ctx) % 8,
                      {firstRow, p});
            Value col = apply(b, loc, d0.floorDiv(16) * 8 + kk * 16, {p});
            return std::make_pair(row, col);
          });
      storeState(b, loc, frag, buf.queryFrags, slot, kk * 8);
    }
  });
  // The K tiles overwrite the Q tile.
  model.barrier(b, loc);

  Value scale = f32(b, loc, shape.scale);
  bool partialKeyTiles = shape.kvSeq % shape.kvBlock != 0;
  scf::ForOp::create(
      b, loc, idx(b, loc, 0), coords.numKvBlocks, idx(b, loc, 1), ValueRange(),
      [&](OpBuilder &b, Location loc, Value kvBlock, ValueRange) {
        Value keyStart = apply(b, loc, d0 * shape.kvBlock, {kvBlock});
        model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
          stageTile(b, loc,
                    {buf.key, coords.batch, coords.kvHead, keyStart,
                     shape.kvBlock, shape.kvSeq, shape.headDim},
                    buf.sharedQK, tid, threads, asyncCopies);
          stageTile(b, loc,
                    {buf.value, coords.batch, coords.kvHead, keyStart,
                     shape.kvBlock, shape.kvSeq, shape.valueDim},
                    buf.sharedV, tid, threads, asyncCopies);
          waitForCopies(b, loc, asyncCopies);
        });
        model.barrier(b, loc);

        // S = Q·Kᵀ, 16 keys at a time. The B operand (k = head dim, n =
        // key) is K's rows as stored: matrices (keys 0-7, cols 0-7),
        // (0-7, 8-15), (8-15, 0-7), (8-15, 8-15) give the B fragments of
        // key tiles 2jp and 2jp + 1.
        for (int64_t jp = 0; jp < keySteps; ++jp) {
          model.forEachThread(
              b, loc, [&](OpBuilder &b, Location loc, Value tid) {
                Value slot = model.stateSlot(b, loc, tid);
                storeState(b, loc, zeros(b, loc, 8, f32Type), buf.scores, slot,
                           jp * 8);
                for (int64_t kk = 0; kk < dSteps; ++kk) {
                  Value frag = model.loadMatrix(
                      b, loc, buf.sharedQK, tid, 4, /*transpose=*/false,
                      [&](OpBuilder &b, Location loc, Value p) {
                        Value row =
                            apply(b, loc,
                                  d0.floorDiv(16) * 8 + d0 % 8 + jp * 16, {p});
                        Value col = apply(
                            b, loc, (d0.floorDiv(8) % 2) * 8 + kk * 16, {p});
                        return std::make_pair(row, col);
                      });
                  storeState(b, loc, frag, buf.operandFrags, slot, kk * 8);
                }
              });
          model.forEachThread(
              b, loc, [&](OpBuilder &b, Location loc, Value tid) {
                for (int64_t kk = 0; kk < dSteps; ++kk)
                  for (int64_t h = 0; h < 2; ++h)
                    model.mma(b, loc, tid, buf.queryFrags, kk * 8,
                              buf.operandFrags, kk * 8 + h * 4, buf.scores,
                              (2 * jp + h) * 4);
              });
        }

        // The scores scaled and masked; each row's max over the tile.
        // Element 2r + e of key tile j is (row g + 8r, key 8j + 2t + e).
        model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
          Value slot = model.stateSlot(b, loc, tid);
          Value l = lane(b, loc, tid);
          Value rowMax = loadState(b, loc, buf.rowMax, slot, 0, 2);
          SmallVector<Value> maxima = elements(b, loc, rowMax);
          SmallVector<Value> rows(2);
          // rows[r] = rowStart + 16·warp + g + 8r.
          for (int64_t r = 0; r < 2; ++r)
            rows[r] = apply(b, loc,
                            d0.floorDiv(32) * 16 + (d0 % 32).floorDiv(4) +
                                getAffineDimExpr(1, ctx) + 8 * r,
                            {tid, coords.rowStart});
          Value scores =
              loadState(b, loc, buf.scores, slot, 0, shape.kvBlock / 2);
          SmallVector<Value> s = elements(b, loc, scores);
          for (int64_t j = 0; j < shape.kvBlock / 8; ++j) {
            for (int64_t r = 0; r < 2; ++r) {
              for (int64_t e = 0; e < 2; ++e) {
                Value key = apply(
                    b, loc, getAffineDimExpr(1, ctx) + 8 * j + (d0 % 4) * 2 + e,
                    {l, keyStart});
                Value row = rows[r];
                auto hidden = [&](OpBuilder &b, Location loc) -> Value {
                  Value h;
                  if (partialKeyTiles)
                    h = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::uge,
                                              key, idx(b, loc, shape.kvSeq));
                  if (coords.offset) {
                    Value c = buildCausallyHidden(
                        b, loc, key,
                        buildCausalLimit(b, loc, row, coords.offset));
                    h = h ? arith::OrIOp::create(b, loc, h, c).getResult() : c;
                  }
                  return h;
                };
                Value maskValue =
                    buf.mask
                        ? loadMaskValue(b, loc, shape, buf.mask, coords.batch,
                                        coords.head, row, key)
                        : Value();
                bool anyHidden = partialKeyTiles || coords.offset;
                int64_t i = j * 4 + r * 2 + e;
                s[i] = buildMaskedScore(
                    b, loc, s[i], scale, maskValue,
                    anyHidden
                        ? function_ref<Value(OpBuilder &, Location)>(hidden)
                        : nullptr);
                maxima[r] = arith::MaximumFOp::create(b, loc, maxima[r], s[i]);
              }
            }
          }
          storeState(
              b, loc,
              vector::FromElementsOp::create(b, loc, scores.getType(), s),
              buf.scores, slot, 0);
          storeState(
              b, loc,
              vector::FromElementsOp::create(b, loc, rowMax.getType(), maxima),
              buf.exchange, slot, 0);
        });
        model.quadAllReduce(b, loc, buf.exchange, 2, /*max=*/true);

        // The new max; the accumulators and partial sums rescaled; P.
        model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
          Value slot = model.stateSlot(b, loc, tid);
          SmallVector<Value> mOld =
              elements(b, loc, loadState(b, loc, buf.rowMax, slot, 0, 2));
          Value mNewVec = loadState(b, loc, buf.exchange, slot, 0, 2);
          SmallVector<Value> mNew = elements(b, loc, mNewVec);
          SmallVector<Value> sums =
              elements(b, loc, loadState(b, loc, buf.rowSum, slot, 0, 2));
          Value alpha[2];
          for (int64_t r = 0; r < 2; ++r) {
            alpha[r] = buildSafeExp(b, loc, mOld[r], mNew[r]);
            sums[r] = arith::MulFOp::create(b, loc, sums[r], alpha[r]);
          }
          SmallVector<Value> s = elements(
              b, loc,
              loadState(b, loc, buf.scores, slot, 0, shape.kvBlock / 2));
          SmallVector<Value> p;
          for (auto [i, score] : llvm::enumerate(s)) {
            int64_t r = (i / 2) % 2;
            Value e = buildSafeExp(b, loc, score, mNew[r]);
            sums[r] = arith::AddFOp::create(b, loc, sums[r], e);
            p.push_back(e);
          }
          Type elem = cast<MemRefType>(buf.probs.getType()).getElementType();
          Value probs = arith::TruncFOp::create(
              b, loc, VectorType::get({(int64_t)p.size()}, elem),
              vector::FromElementsOp::create(
                  b, loc, VectorType::get({(int64_t)p.size()}, f32Type), p));
          storeState(b, loc, probs, buf.probs, slot, 0);
          SmallVector<Value> factors;
          for (int64_t n = 0; n < valueTiles; ++n)
            factors.append({alpha[0], alpha[0], alpha[1], alpha[1]});
          auto accType = VectorType::get({shape.valueDim / 2}, f32Type);
          Value acc = arith::MulFOp::create(
              b, loc, loadState(b, loc, buf.acc, slot, 0, shape.valueDim / 2),
              vector::FromElementsOp::create(b, loc, accType, factors));
          storeState(b, loc, acc, buf.acc, slot, 0);
          storeState(b, loc, mNewVec, buf.rowMax, slot, 0);
          storeState(b, loc,
                     vector::FromElementsOp::create(
                         b, loc, VectorType::get({2}, f32Type), sums),
                     buf.rowSum, slot, 0);
        });

        // O += P·V, 16 value columns at a time. The B operand (k = key,
        // n = value column) is V's rows transposed: matrices (keys 0-7,
        // cols 0-7), (8-15, 0-7), (0-7, 8-15), (8-15, 8-15) through
        // ldmatrix.trans give the B fragments of value tiles 2np, 2np + 1.
        for (int64_t np = 0; np < shape.valueDim / 16; ++np) {
          model.forEachThread(
              b, loc, [&](OpBuilder &b, Location loc, Value tid) {
                Value slot = model.stateSlot(b, loc, tid);
                for (int64_t kk = 0; kk < keySteps; ++kk) {
                  Value frag = model.loadMatrix(
                      b, loc, buf.sharedV, tid, 4, /*transpose=*/true,
                      [&](OpBuilder &b, Location loc, Value p) {
                        Value row = apply(
                            b, loc, (d0.floorDiv(8) % 2) * 8 + d0 % 8 + kk * 16,
                            {p});
                        Value col =
                            apply(b, loc, d0.floorDiv(16) * 8 + np * 16, {p});
                        return std::make_pair(row, col);
                      });
                  storeState(b, loc, frag, buf.operandFrags, slot, kk * 8);
                }
              });
          model.forEachThread(
              b, loc, [&](OpBuilder &b, Location loc, Value tid) {
                for (int64_t kk = 0; kk < keySteps; ++kk)
                  for (int64_t h = 0; h < 2; ++h)
                    model.mma(b, loc, tid, buf.probs, kk * 8, buf.operandFrags,
                              kk * 8 + h * 4, buf.acc, (2 * np + h) * 4);
              });
        }
        // The next K/V tiles overwrite these.
        model.barrier(b, loc);
        scf::YieldOp::create(b, loc);
      });

  // The rows' sums, then each row written once: acc / sum.
  model.quadAllReduce(b, loc, buf.rowSum, 2, /*max=*/false);
  model.forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
    Value slot = model.stateSlot(b, loc, tid);
    SmallVector<Value> sums =
        elements(b, loc, loadState(b, loc, buf.rowSum, slot, 0, 2));
    SmallVector<Value> acc = elements(
        b, loc, loadState(b, loc, buf.acc, slot, 0, shape.valueDim / 2));
    Type elem = cast<MemRefType>(buf.out.getType()).getElementType();
    auto pairType = VectorType::get({2}, f32Type);
    for (int64_t r = 0; r < 2; ++r) {
      Value row = apply(b, loc,
                        d0.floorDiv(32) * 16 + (d0 % 32).floorDiv(4) +
                            getAffineDimExpr(1, ctx) + 8 * r,
                        {tid, coords.rowStart});
      Value inside = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ult,
                                           row, idx(b, loc, shape.querySeq));
      auto ifOp = scf::IfOp::create(b, loc, inside, /*withElse=*/false);
      OpBuilder then = ifOp.getThenBodyBuilder();
      Value sum = vector::BroadcastOp::create(then, loc, pairType, sums[r]);
      for (int64_t n = 0; n < valueTiles; ++n) {
        Value pair = vector::FromElementsOp::create(
            then, loc, pairType,
            ValueRange{acc[n * 4 + 2 * r], acc[n * 4 + 2 * r + 1]});
        Value o = buildSafeDivide(then, loc, pair, sum);
        if (elem != f32Type)
          o = arith::TruncFOp::create(then, loc, VectorType::get({2}, elem), o);
        Value col = apply(then, loc, (d0 % 4) * 2 + n * 8, {tid});
        vector::StoreOp::create(
            then, loc, o, buf.out,
            ValueRange{coords.batch, coords.head, row, col});
      }
    }
  });
}
