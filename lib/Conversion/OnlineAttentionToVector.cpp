//===- OnlineAttentionToVector.cpp - a register-blocked flash kernel ------===//
//
// Lowers attn.online_attention (static head dims) to vector code on its
// tensors: the CPU micro-kernel of flash attention.
//
// For each group of G query rows and each chunk of C = V·L keys (L lanes,
// V vectors per row; G·V accumulators stay in registers):
//
//   S[g][c]  = Σ_d q[r_g, d] · kᵀ[d, j + c·L : +L]     (broadcast × load, FMA)
//   S        = scale·log2(e)·S (+ log2(e)·mask), −inf past the keys and
//              above the diagonal
//   m', α, P = 2^(S − m'), l' = α·l + Σ P               (per row, online)
//   acc[r_g] = α·acc[r_g] + Σ_k P[g][k] · v[j + k, :]   (P from a small
//                                                        scratch buffer)
//
// With keys as stored (Bk×D, not key_transposed: what attn-tile leaves for
// decoding, where a transposed copy of K would cost more traffic than the
// whole kernel) the scores are dot products along D instead: G × 4 keys
// accumulate L-lane partial products over D, each is reduced to one score
// and parked in the scratch buffer, and the chunk's S vectors are read back
// from there. The reductions cost about as much as the FMAs, which does not
// matter where this layout is used: a few rows per key, bound by memory,
// which is also why that path prefetches K and V rows ahead.
//
// Ragged query blocks clamp the row index to the last row: the extra rows
// recompute that row exactly, so their writes are harmless duplicates and no
// store needs a mask. Ragged key chunks read with masked transfers (or, for
// stored keys, clamp the key index to the last key) and mask the missing
// keys to −inf. A block with fewer static rows than G uses that many rows
// per group (a decoding step has Sq rows, or G·Sq with query heads packed).
//
//===----------------------------------------------------------------------===//

#include "attn/Conversion/Passes.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"
#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>
#include <numeric>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNVECTORIZEONLINEATTENTION
#include "attn/Conversion/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Builds the kernel for one op; holds the values every piece needs.
class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, OnlineAttentionOp op,
                const AttnVectorizeOnlineAttentionOptions &opts)
      : b(b), loc(loc), op(op), lanes(opts.lanes), rowGroup(opts.rowGroup),
        vecsPerRow(opts.vectorsPerRow), chunk(opts.lanes * opts.vectorsPerRow),
        f32(b.getF32Type()), vecType(VectorType::get({lanes}, f32)) {}

  SmallVector<Value> build();

private:
  Value cIndex(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value cF32(float v) { return f32Constant(b, loc, v); }
  Value splat(Value scalar) {
    return vector::BroadcastOp::create(b, loc, vecType, scalar);
  }
  /// A vector of L elements of a 2-D tensor at (row, col), widened to f32;
  /// lanes past the tensor's end read `pad`.
  Value load(Value tensor, Value row, Value col, float pad,
             bool inBounds = false);
  Value widen(Value v);
  /// An additive mask vector with finite values clamped so that scaling them
  /// by log2(e) stays finite; −inf and NaN stay.
  Value finiteBias(Value bias);
  /// 2^t for t ≤ 0, exactly 0 for t ≤ −127; `t` is f32 or a vector of it.
  Value exp2NonPositive(Value t);

  /// S chunk: G·V accumulators over the head dim.
  SmallVector<Value> scoreChunk(ArrayRef<Value> rows, Value j0, bool full);
  /// The same from keys as stored (Bk×D): dot products along D.
  SmallVector<Value> scoreChunkFromRows(ArrayRef<Value> rows, Value j0,
                                        Value numKeys, bool full);
  /// Scale, mask, causal (when `causal`), key tail → −inf.
  void maskScores(SmallVector<Value> &s, ArrayRef<Value> rows, Value j0,
                  Value keys, bool full, bool causal);
  /// One chunk of keys for one row group: scores, online softmax update, and
  /// the P·V accumulation. `state` is (acc, m_0.., l_0..); returns the same.
  /// `causal`: evaluate the causal rule (chunks that straddle the diagonal
  /// of some row of the group).
  SmallVector<Value> chunkStep(ArrayRef<Value> rows, Value j0, Value numKeys,
                               int64_t valueDim, ValueRange state, bool full,
                               bool causal);
  /// The loop over the chunks starting in [from, to) for one row group.
  scf::ForOp chunkLoop(ArrayRef<Value> rows, Value from, Value to,
                       Value numKeys, int64_t valueDim, ValueRange carried,
                       bool causal);

  OpBuilder &b;
  Location loc;
  OnlineAttentionOp op;
  int64_t lanes, rowGroup, vecsPerRow, chunk;
  Type f32;
  VectorType vecType;
  Value scratch; // G × C f32: this chunk's probabilities.
  /// Stored keys only: K and V as buffers, to prefetch rows ahead.
  Value keyBuffer, valueBuffer;
  void prefetch(Value buffer, Value row, Value col);
};

/// Rows this far ahead are prefetched on the stored-keys path: a decoding
/// step is bound by how many cache lines are in flight, and the few
/// hundred instructions per key step leave the out-of-order window too
/// short to cover memory latency on its own.
static constexpr int64_t kPrefetchKeys = 16;

void KernelBuilder::prefetch(Value buffer, Value row, Value col) {
  if (!buffer)
    return;
  Value ahead = arith::AddIOp::create(b, loc, row, cIndex(kPrefetchKeys));
  memref::PrefetchOp::create(b, loc, buffer, ValueRange{ahead, col},
                             b.getBoolAttr(false), b.getI32IntegerAttr(3),
                             b.getBoolAttr(true));
}

Value KernelBuilder::widen(Value v) {
  auto type = cast<VectorType>(v.getType());
  if (type.getElementType().isF32())
    return v;
  return arith::ExtFOp::create(b, loc, type.clone(f32), v);
}

Value KernelBuilder::load(Value tensor, Value row, Value col, float pad,
                          bool inBounds) {
  Type et = cast<RankedTensorType>(tensor.getType()).getElementType();
  Value padding = arith::ConstantOp::create(b, loc, b.getFloatAttr(et, pad));
  auto read = vector::TransferReadOp::create(
      b, loc, VectorType::get({lanes}, et), tensor, ValueRange{row, col},
      padding, ArrayRef<bool>{inBounds});
  return widen(read);
}

// The kernel's softmax works in base 2: scores are scaled by
// scale·log2(e) (and an additive mask by log2(e)), so every exponential is
// 2^(x − max) ≤ 1, which is cheaper than exp's range reduction and needs no
// overflow handling. The row max is stored in natural units, as the op
// defines it: converted when a row group starts and ends.
static constexpr float kLog2E = 1.44269504088896341f;
static constexpr float kLn2 = 0.693147180559945309f;

Value KernelBuilder::exp2NonPositive(Value t) {
  Type type = t.getType();
  Type intType = b.getI32Type();
  if (auto vec = dyn_cast<VectorType>(type))
    intType = vec.clone(intType);
  auto fConst = [&](float v) -> Value {
    Value c = cF32(v);
    return isa<VectorType>(type) ? splat(c) : c;
  };
  auto iConst = [&](int32_t v) -> Value {
    if (auto vec = dyn_cast<VectorType>(intType))
      return arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(vec, b.getI32IntegerAttr(v)));
    return arith::ConstantOp::create(b, loc, b.getI32IntegerAttr(v));
  };
  // −inf (a masked score) clamps to −127, whose power below is +0. One
  // vmaxps: nnan, since a NaN score is garbage whatever its exponential.
  Value x = arith::MaximumFOp::create(b, loc, t, fConst(-127.0f),
                                      arith::FastMathFlags::nnan);
  // x = i + f, i = roundeven(x) ∈ [−127, 0], f ∈ [−½, ½].
  Value i = math::RoundEvenOp::create(b, loc, x);
  Value f = arith::SubFOp::create(b, loc, x, i);
  // 2^f: degree-6 interpolation at the Chebyshev nodes of [−½, ½]; relative
  // error under 8e-8 in f32 arithmetic (about one ulp).
  static constexpr float coefficients[] = {
      1.0f,          0.693147182f,  0.240226507f,   0.0555032715f,
      0.0096180569f, 0.0013400428f, 0.000154614449f};
  Value p = fConst(coefficients[6]);
  for (int k = 5; k >= 0; --k)
    p = math::FmaOp::create(b, loc, p, f, fConst(coefficients[k]));
  // 2^i from its exponent bits: (i + 127) << 23 (i = −127 gives +0.0).
  Value biased = arith::AddIOp::create(
      b, loc, arith::FPToSIOp::create(b, loc, intType, i), iConst(127));
  Value bits = arith::ShLIOp::create(b, loc, biased, iConst(23));
  Value pow2i = arith::BitcastOp::create(b, loc, type, bits);
  return arith::MulFOp::create(b, loc, p, pow2i);
}

// Only −inf may hide a key. A finite bias below −FLT_MAX / log2(e) would
// overflow to −inf once scaled to base 2 and hide its key too: padding masks
// filled with the f32 minimum (HuggingFace's finfo.min) would turn a fully
// padded row, whose reference is the mean of V, into a masked row (0). Such
// biases are clamped to −2.3e38. At that magnitude a score is absorbed by
// its bias (floats there are ~1e31 apart), exactly as in the reference, so
// a fully padded row still weighs its keys alike, and a padded key next to
// an unpadded one still gets weight 0. (Two keys whose biases differ below
// −2.3e38 get equal weights instead of one of them winning outright.) −inf
// and NaN pass through unchanged.
Value KernelBuilder::finiteBias(Value bias) {
  Value lowest = splat(cF32(-2.3e38f));
  Value below =
      arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, bias, lowest);
  Value finite = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::ONE, bias,
                                       splat(cF32(-INFINITY)));
  Value clamp = arith::AndIOp::create(b, loc, below, finite);
  return arith::SelectOp::create(b, loc, clamp, lowest, bias);
}

SmallVector<Value> KernelBuilder::scoreChunk(ArrayRef<Value> rows, Value j0,
                                             bool full) {
  Value q = op.getQuery(), kt = op.getKey();
  int64_t headDim =
      cast<RankedTensorType>(q.getType()).getDimSize(online_dim::kFeature);
  SmallVector<Value> zeros(
      rowGroup * vecsPerRow,
      arith::ConstantOp::create(
          b, loc, DenseElementsAttr::get(vecType, b.getF32FloatAttr(0.0))));
  auto loop = scf::ForOp::create(
      b, loc, cIndex(0), cIndex(headDim), cIndex(1), zeros,
      [&](OpBuilder &nb, Location nl, Value d, ValueRange acc) {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        SmallVector<Value> keys;
        for (int64_t c = 0; c < vecsPerRow; ++c) {
          Value col = arith::AddIOp::create(b, loc, j0, cIndex(c * lanes));
          keys.push_back(load(kt, d, col, 0.0f, /*inBounds=*/full));
        }
        SmallVector<Value> next;
        for (int64_t r = 0; r < rowGroup; ++r) {
          Value qs =
              tensor::ExtractOp::create(b, loc, q, ValueRange{rows[r], d});
          Value qv = splat(toF32(b, loc, qs));
          for (int64_t c = 0; c < vecsPerRow; ++c)
            next.push_back(vector::FMAOp::create(b, loc, qv, keys[c],
                                                 acc[r * vecsPerRow + c]));
        }
        scf::YieldOp::create(b, loc, next);
      });
  return SmallVector<Value>(loop.getResults());
}

SmallVector<Value> KernelBuilder::scoreChunkFromRows(ArrayRef<Value> rows,
                                                     Value j0, Value numKeys,
                                                     bool full) {
  // 4 keys per step (16-24 accumulators), or fewer when the chunk is not a
  // multiple of 4 (tiny lanes × vectors-per-row options).
  const int64_t keysPerStep = std::gcd<int64_t>(4, chunk);
  Value q = op.getQuery(), k = op.getKey();
  int64_t headDim =
      cast<RankedTensorType>(q.getType()).getDimSize(online_dim::kFeature);
  // Whole vectors along D need no masked loads.
  bool dInBounds = headDim % lanes == 0;
  Value lastKey = arith::SubIOp::create(b, loc, numKeys, cIndex(1));
  Value zero = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(vecType, b.getF32FloatAttr(0.0)));
  scf::ForOp::create(
      b, loc, cIndex(0), cIndex(chunk), cIndex(keysPerStep), ValueRange{},
      [&](OpBuilder &nb, Location, Value c0, ValueRange) {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        SmallVector<Value> keys;
        for (int64_t t = 0; t < keysPerStep; ++t) {
          Value key = arith::AddIOp::create(
              b, loc, j0, arith::AddIOp::create(b, loc, c0, cIndex(t)));
          // Keys past the end of a ragged chunk re-read the last key; their
          // scores are masked to −inf.
          keys.push_back(
              full ? key
                   : arith::MinSIOp::create(b, loc, key, lastKey).getResult());
        }
        SmallVector<Value> init(rowGroup * keysPerStep, zero);
        auto dLoop = scf::ForOp::create(
            b, loc, cIndex(0), cIndex(headDim), cIndex(lanes), init,
            [&](OpBuilder &db, Location, Value d, ValueRange acc) {
              OpBuilder::InsertionGuard g2(b);
              b.setInsertionPoint(db.getInsertionBlock(),
                                  db.getInsertionPoint());
              SmallVector<Value> kv;
              for (Value key : keys) {
                kv.push_back(load(k, key, d, 0.0f, dInBounds));
                prefetch(keyBuffer, key, d);
              }
              SmallVector<Value> next;
              for (int64_t r = 0; r < rowGroup; ++r) {
                Value qv = load(q, rows[r], d, 0.0f, dInBounds);
                for (int64_t t = 0; t < keysPerStep; ++t)
                  next.push_back(vector::FMAOp::create(
                      b, loc, qv, kv[t], acc[r * keysPerStep + t]));
              }
              scf::YieldOp::create(b, loc, next);
            });
        for (int64_t r = 0; r < rowGroup; ++r)
          for (int64_t t = 0; t < keysPerStep; ++t) {
            Value dot = vector::ReductionOp::create(
                b, loc, vector::CombiningKind::ADD,
                dLoop.getResult(r * keysPerStep + t),
                arith::FastMathFlags::reassoc);
            Value col = arith::AddIOp::create(b, loc, c0, cIndex(t));
            memref::StoreOp::create(b, loc, dot, scratch,
                                    ValueRange{cIndex(r), col});
          }
        scf::YieldOp::create(b, loc);
      });
  SmallVector<Value> s;
  for (int64_t r = 0; r < rowGroup; ++r)
    for (int64_t c = 0; c < vecsPerRow; ++c)
      s.push_back(vector::LoadOp::create(
          b, loc, vecType, scratch, ValueRange{cIndex(r), cIndex(c * lanes)}));
  return s;
}

void KernelBuilder::maskScores(SmallVector<Value> &s, ArrayRef<Value> rows,
                               Value j0, Value keys, bool full, bool causal) {
  Value scale = splat(cF32(op.getScale().convertToFloat() * kLog2E));
  Value log2e = splat(cF32(kLog2E));
  auto i32Vec = VectorType::get({lanes}, b.getI32Type());
  SmallVector<int32_t> iota(lanes);
  for (int64_t l = 0; l < lanes; ++l)
    iota[l] = l;
  Value laneIds = arith::ConstantOp::create(
      b, loc, DenseElementsAttr::get(i32Vec, ArrayRef<int32_t>(iota)));
  auto toI32 = [&](Value index) {
    return arith::IndexCastOp::create(b, loc, b.getI32Type(), index);
  };
  auto splatI32 = [&](Value v) {
    return vector::BroadcastOp::create(b, loc, i32Vec, v);
  };
  Value keysV = splatI32(toI32(keys));
  Value mask = op.getMask();
  bool maskRowBroadcast =
      mask && maskDimBroadcasts(cast<RankedTensorType>(mask.getType()),
                                online_dim::kRows);
  Value shift = causal ? op.getCausalShift() : Value();
  for (int64_t c = 0; c < vecsPerRow; ++c) {
    Value col = arith::AddIOp::create(b, loc, j0, cIndex(c * lanes));
    // Key positions of this vector's lanes, relative to the block.
    Value j = arith::AddIOp::create(b, loc, splatI32(toI32(col)), laneIds);
    // A full chunk has no keys past the end: only a ragged one masks them.
    Value pastEnd =
        full
            ? Value()
            : arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, j, keysV)
                  .getResult();
    for (int64_t r = 0; r < rowGroup; ++r) {
      Value &v = s[r * vecsPerRow + c];
      v = arith::MulFOp::create(b, loc, v, scale);
      if (mask)
        v = vector::FMAOp::create(
            b, loc,
            finiteBias(load(mask, maskRowBroadcast ? cIndex(0) : rows[r], col,
                            0.0f, /*inBounds=*/full)),
            log2e, v);
      Value hidden = pastEnd;
      if (shift) {
        Value limit = buildCausalLimit(b, loc, rows[r], shift);
        Value above = buildCausallyHidden(b, loc, j, splatI32(toI32(limit)));
        hidden = hidden
                     ? arith::OrIOp::create(b, loc, hidden, above).getResult()
                     : above;
      }
      if (hidden)
        v = buildHiddenScore(b, loc, hidden, v);
    }
  }
}

SmallVector<Value> KernelBuilder::chunkStep(ArrayRef<Value> rows, Value j0,
                                            Value numKeys, int64_t valueDim,
                                            ValueRange state, bool full,
                                            bool causal) {
  Value acc = state[0];
  SmallVector<Value> m(state.slice(1, rowGroup)),
      l(state.slice(1 + rowGroup, rowGroup));
  Value keysLeft = arith::SubIOp::create(b, loc, numKeys, j0);
  Value keysHere =
      full
          ? cIndex(chunk)
          : arith::MinSIOp::create(b, loc, keysLeft, cIndex(chunk)).getResult();

  SmallVector<Value> s = op.getKeyTransposed()
                             ? scoreChunk(rows, j0, full)
                             : scoreChunkFromRows(rows, j0, numKeys, full);
  maskScores(s, rows, j0, numKeys, full, causal);

  // Online softmax, row by row; P goes to the scratch buffer. maxnum, not
  // maximum: x86 has no NaN-propagating max, and LLVM's expansion of one
  // costs several instructions per vector (scores are never NaN unless an
  // input is, and then the output is garbage either way).
  // Scores are never NaN for finite inputs: nnan lets LLVM use plain
  // vmaxps instead of NaN-checking sequences around every max.
  auto noNaN = arith::FastMathFlags::nnan;
  SmallVector<Value> alphas, nextM, nextL;
  for (int64_t r = 0; r < rowGroup; ++r) {
    ArrayRef<Value> row = ArrayRef<Value>(s).slice(r * vecsPerRow, vecsPerRow);
    // max(a, b) as compare + select: maxnumf would be expanded (by
    // arith-expand, for bf16) into NaN-checking sequences.
    auto maxOf = [&](Value a, Value c) -> Value {
      Value gt = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, a, c);
      return arith::SelectOp::create(b, loc, gt, a, c);
    };
    Value rowMaxV = row[0];
    for (Value x : row.drop_front())
      rowMaxV = maxOf(rowMaxV, x);
    Value rowMax = vector::ReductionOp::create(
        b, loc, vector::CombiningKind::MAXNUMF, rowMaxV, noNaN);
    Value newMax = maxOf(m[r], rowMax);
    // A row that has seen only masked keys subtracts 0: exp(−inf − 0) = 0.
    Value ref = buildSafeMax(b, loc, newMax);
    Value alpha = exp2NonPositive(arith::SubFOp::create(b, loc, m[r], ref));
    Value refV = splat(ref);
    Value rowSumV;
    for (int64_t c = 0; c < vecsPerRow; ++c) {
      Value p = exp2NonPositive(arith::SubFOp::create(b, loc, row[c], refV));
      rowSumV = rowSumV ? arith::AddFOp::create(b, loc, rowSumV, p) : p;
      vector::StoreOp::create(b, loc, p, scratch,
                              ValueRange{cIndex(r), cIndex(c * lanes)});
    }
    // reassoc: a tree of vector adds, not 16 dependent scalar ones.
    Value rowSum =
        vector::ReductionOp::create(b, loc, vector::CombiningKind::ADD, rowSumV,
                                    arith::FastMathFlags::reassoc);
    Value scaledSum = arith::MulFOp::create(b, loc, alpha, l[r]);
    alphas.push_back(alpha);
    nextM.push_back(newMax);
    nextL.push_back(arith::AddFOp::create(b, loc, scaledSum, rowSum));
  }

  // acc[r] = α·acc[r] + P·V, in column chunks of at most V vectors.
  Value v = op.getValue();
  for (int64_t col0 = 0; col0 < valueDim; col0 += chunk) {
    int64_t numVecs = llvm::divideCeil(std::min(chunk, valueDim - col0), lanes);
    SmallVector<Value> cols;
    for (int64_t c = 0; c < numVecs; ++c)
      cols.push_back(cIndex(col0 + c * lanes));
    SmallVector<Value> a;
    for (int64_t r = 0; r < rowGroup; ++r)
      for (int64_t c = 0; c < numVecs; ++c)
        a.push_back(arith::MulFOp::create(
            b, loc, load(acc, rows[r], cols[c], 0.0f), splat(alphas[r])));
    auto kLoop = scf::ForOp::create(
        b, loc, cIndex(0), keysHere, cIndex(1), a,
        [&](OpBuilder &nb, Location, Value k, ValueRange accs) {
          OpBuilder::InsertionGuard g(b);
          b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
          Value key = arith::AddIOp::create(b, loc, j0, k);
          SmallVector<Value> vals;
          for (int64_t c = 0; c < numVecs; ++c) {
            vals.push_back(load(v, key, cols[c], 0.0f));
            prefetch(valueBuffer, key, cols[c]);
          }
          SmallVector<Value> next;
          for (int64_t r = 0; r < rowGroup; ++r) {
            Value p = memref::LoadOp::create(b, loc, scratch,
                                             ValueRange{cIndex(r), k});
            Value pv = splat(p);
            for (int64_t c = 0; c < numVecs; ++c)
              next.push_back(vector::FMAOp::create(b, loc, pv, vals[c],
                                                   accs[r * numVecs + c]));
          }
          scf::YieldOp::create(b, loc, next);
        });
    for (int64_t r = 0; r < rowGroup; ++r)
      for (int64_t c = 0; c < numVecs; ++c)
        acc = vector::TransferWriteOp::create(
                  b, loc, kLoop.getResult(r * numVecs + c), acc,
                  ValueRange{rows[r], cols[c]}, ArrayRef<bool>{false})
                  .getResult();
  }

  SmallVector<Value> next = {acc};
  llvm::append_range(next, nextM);
  llvm::append_range(next, nextL);
  return next;
}

scf::ForOp KernelBuilder::chunkLoop(ArrayRef<Value> rows, Value from, Value to,
                                    Value numKeys, int64_t valueDim,
                                    ValueRange carried, bool causal) {
  return scf::ForOp::create(
      b, loc, from, to, cIndex(chunk), carried,
      [&](OpBuilder &cb, Location, Value j0, ValueRange cs) {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(cb.getInsertionBlock(), cb.getInsertionPoint());
        // Full chunks (all but the last) read keys without masks: a masked
        // load needs its mask rebuilt in the hot loop once the 24
        // accumulators have taken the registers.
        Value end = arith::AddIOp::create(b, loc, j0, cIndex(chunk));
        Value isFull = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle,
                                             end, numKeys);
        auto branch = scf::IfOp::create(b, loc, cs.getTypes(), isFull,
                                        /*withElseRegion=*/true);
        for (bool full : {true, false}) {
          OpBuilder::InsertionGuard g2(b);
          Block *block = full ? branch.thenBlock() : branch.elseBlock();
          b.setInsertionPointToStart(block);
          scf::YieldOp::create(
              b, loc, chunkStep(rows, j0, numKeys, valueDim, cs, full, causal));
        }
        scf::YieldOp::create(b, loc, branch.getResults());
      });
}

SmallVector<Value> KernelBuilder::build() {
  Value q = op.getQuery(), v = op.getValue();
  int64_t valueDim =
      cast<RankedTensorType>(v.getType()).getDimSize(online_dim::kFeature);
  Value numRows = tensor::DimOp::create(b, loc, q, online_dim::kRows);
  Value numKeys = tensor::DimOp::create(b, loc, op.getKey(), getKeySeqDim(op));
  // A block with fewer rows than a group (decoding) uses them all, not
  // duplicates of its last row.
  int64_t staticRows =
      cast<RankedTensorType>(q.getType()).getDimSize(online_dim::kRows);
  if (!ShapedType::isDynamic(staticRows) && staticRows > 0)
    rowGroup = std::min(rowGroup, staticRows);
  Value lastRow = arith::SubIOp::create(b, loc, numRows, cIndex(1));

  // The probabilities of one chunk, per row group: a small stack buffer,
  // allocated once per parallel task (or function) rather than per step.
  {
    OpBuilder::InsertionGuard g(b);
    Operation *scope = op->getParentOfType<scf::ForallOp>();
    if (!scope)
      scope = op->getParentOfType<FunctionOpInterface>();
    Block &entry = scope->getRegion(0).front();
    b.setInsertionPointToStart(&entry);
    scratch = memref::AllocaOp::create(b, loc,
                                       MemRefType::get({rowGroup, chunk}, f32));
  }
  if (!op.getKeyTransposed()) {
    // Views of the tiles' buffers (read only: bufferization needs no copy)
    // that the prefetches may index past their ends: the rows after a
    // tile are the next tile's, and a prefetch never faults.
    auto view = [&](Value tensor) -> Value {
      auto type = cast<RankedTensorType>(tensor.getType());
      int64_t dyn = ShapedType::kDynamic;
      auto layout = StridedLayoutAttr::get(b.getContext(), dyn, {dyn, dyn});
      return bufferization::ToBufferOp::create(
          b, loc,
          MemRefType::get(type.getShape(), type.getElementType(), layout),
          tensor, /*read_only=*/true);
    };
    keyBuffer = view(op.getKey());
    valueBuffer = view(op.getValue());
  }

  SmallVector<Value> init = {op.getAcc(), op.getMax(), op.getSum()};
  auto rowLoop = scf::ForOp::create(
      b, loc, cIndex(0), numRows, cIndex(rowGroup), init,
      [&](OpBuilder &nb, Location, Value r0, ValueRange state) {
        OpBuilder::InsertionGuard g(b);
        b.setInsertionPoint(nb.getInsertionBlock(), nb.getInsertionPoint());
        Value acc = state[0], maxT = state[1], sumT = state[2];
        SmallVector<Value> rows, m, l;
        for (int64_t r = 0; r < rowGroup; ++r) {
          Value row = arith::AddIOp::create(b, loc, r0, cIndex(r));
          rows.push_back(arith::MinSIOp::create(b, loc, row, lastRow));
          // The row max in base-2 units inside the kernel.
          m.push_back(arith::MulFOp::create(
              b, loc, tensor::ExtractOp::create(b, loc, maxT, rows[r]),
              cF32(kLog2E)));
          l.push_back(tensor::ExtractOp::create(b, loc, sumT, rows[r]));
        }
        SmallVector<Value> carried = {acc};
        llvm::append_range(carried, m);
        llvm::append_range(carried, l);
        Value zeroKeys = cIndex(0);
        ValueRange out;
        if (Value shift = op.getCausalShift()) {
          // Causal: the group's last row sees keys j ≤ its limit, so the
          // chunks past it are hidden from every row and never run; the
          // chunks that end at or before the first row's limit are seen
          // whole by every row and run without the rule. Only the chunks
          // between (the diagonal) evaluate it.
          auto seen = [&](Value row) {
            // Keys [0, row + shift + 1), at least none.
            Value end = arith::AddIOp::create(
                b, loc, buildCausalLimit(b, loc, row, shift), cIndex(1));
            return arith::MaxSIOp::create(b, loc, end, zeroKeys).getResult();
          };
          Value keyEnd =
              arith::MinSIOp::create(b, loc, seen(rows.back()), numKeys);
          Value wholeChunks =
              arith::DivSIOp::create(b, loc, seen(rows.front()), cIndex(chunk));
          Value diagonal = arith::MinSIOp::create(
              b, loc, arith::MulIOp::create(b, loc, wholeChunks, cIndex(chunk)),
              keyEnd);
          auto below = chunkLoop(rows, zeroKeys, diagonal, numKeys, valueDim,
                                 carried, /*causal=*/false);
          auto onDiagonal = chunkLoop(rows, diagonal, keyEnd, numKeys, valueDim,
                                      below.getResults(), /*causal=*/true);
          out = onDiagonal.getResults();
        } else {
          out = chunkLoop(rows, zeroKeys, numKeys, numKeys, valueDim, carried,
                          /*causal=*/false)
                    .getResults();
        }
        acc = out[0];
        for (int64_t r = 0; r < rowGroup; ++r) {
          Value natural = arith::MulFOp::create(b, loc, out[1 + r], cF32(kLn2));
          maxT = tensor::InsertOp::create(b, loc, natural, maxT, rows[r]);
          sumT = tensor::InsertOp::create(b, loc, out[1 + rowGroup + r], sumT,
                                          rows[r]);
        }
        scf::YieldOp::create(b, loc, ValueRange{acc, maxT, sumT});
      });
  return SmallVector<Value>(rowLoop.getResults());
}

} // namespace

namespace {
constexpr int64_t kMaxLanes = 64, kMaxUnroll = 64;

struct LowerOnlineAttentionToVector : OpRewritePattern<OnlineAttentionOp> {
  LowerOnlineAttentionToVector(
      MLIRContext *ctx, const AttnVectorizeOnlineAttentionOptions &options)
      : OpRewritePattern(ctx), options(options) {
    if (this->options.lanes == 0)
      this->options.lanes = getHostVectorLanes();
  }

  LogicalResult matchAndRewrite(OnlineAttentionOp op,
                                PatternRewriter &rewriter) const override {
    auto q = op.getQuery().getType();
    auto v = op.getValue().getType();
    if (q.isDynamicDim(online_dim::kFeature) ||
        v.isDynamicDim(online_dim::kFeature))
      return rewriter.notifyMatchFailure(op, "head dims must be static");
    if (Value mask = op.getMask())
      if (cast<RankedTensorType>(mask.getType()).getElementType().isInteger(1))
        return rewriter.notifyMatchFailure(
            op, "boolean masks are made additive before tiling");
    KernelBuilder kernel(rewriter, op.getLoc(), op, options);
    rewriter.replaceOp(op, kernel.build());
    return success();
  }

  AttnVectorizeOnlineAttentionOptions options;
};

struct AttnVectorizeOnlineAttention
    : attn::impl::AttnVectorizeOnlineAttentionBase<
          AttnVectorizeOnlineAttention> {
  using Base::Base;
  void runOnOperation() override {
    // lanes= is the older spelling of vector-lanes.
    FailureOr<int64_t> givenLanes = resolveVectorLanes(
        getOperation(), "attn-vectorize-online-attention", lanes, lanesAlias);
    if (failed(givenLanes))
      return signalPassFailure();
    lanes = *givenLanes;
    if (lanes < 0 || rowGroup <= 0 || vectorsPerRow <= 0) {
      mlir::emitError(getOperation()->getLoc(),
                      "attn-vectorize-online-attention: sizes must be "
                      "positive");
      return signalPassFailure();
    }
    // The kernel unrolls rowGroup × vectorsPerRow vectors of `lanes` f32 per
    // step: past these bounds it would build millions of ops, not a kernel.
    if (lanes > kMaxLanes || rowGroup > kMaxUnroll ||
        vectorsPerRow > kMaxUnroll) {
      mlir::emitError(getOperation()->getLoc())
          << "attn-vectorize-online-attention: vector-lanes=" << int64_t(lanes)
          << " row-group=" << int64_t(rowGroup)
          << " vectors-per-row=" << int64_t(vectorsPerRow)
          << " is too large (at most vector-lanes=" << kMaxLanes
          << ", row-group=" << kMaxUnroll
          << " and vectors-per-row=" << kMaxUnroll << ")";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateAttnOnlineAttentionToVectorPatterns(
        patterns, {lanes, rowGroup, vectorsPerRow});
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace

void mlir::attn::populateAttnOnlineAttentionToVectorPatterns(
    RewritePatternSet &patterns,
    const AttnVectorizeOnlineAttentionOptions &options) {
  patterns.add<LowerOnlineAttentionToVector>(patterns.getContext(), options);
}
