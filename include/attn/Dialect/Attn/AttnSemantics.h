//===- AttnSemantics.h - what an attention problem is -----------*- C++ -*-===//
//
// The single statement of the rules that define what attn.sdpa (and its
// pieces, attn.online_attention) compute, so that the verifier, every
// lowering (untiled, tiled, the vector kernel, the decomposition) and the
// tiling interfaces read them from one place:
//
//   - the problem's dimensions, static (SdpaDims) and as built values
//     (SdpaSizes), and where each operand keeps them;
//   - head grouping: query head h reads key/value head ⌊h / (Hq/Hkv)⌋;
//   - the mask's broadcast to the scores B×Hq×Sq×Skv (right-aligned, a
//     static 1 broadcasts; a dynamic dim that is 1 at run time is expanded
//     first, SdpaRuntimeShapes.h);
//   - causality: query i sees key j iff j ≤ i + offset, offset defaulting to
//     Skv − Sq, and what that means for a block of rows or keys;
//   - the masked-softmax arithmetic: the masked score, the safe exponential
//     (a row that has seen only masked keys subtracts 0, not −inf) and the
//     safe division (a row whose sum is 0 is 0).
//
// A new variant of attention (a window, a softcap, ALiBi, per-sequence key
// lengths) is added here first; docs/design.md lists the steps.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_ATTNSEMANTICS_H
#define ATTN_DIALECT_ATTN_ATTNSEMANTICS_H

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/AffineExpr.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir::attn {

//===----------------------------------------------------------------------===//
// Dimensions
//===----------------------------------------------------------------------===//

/// Where attn.sdpa's 4-D operands keep their dims: Q is B×Hq×Sq×D, K is
/// B×Hkv×Skv×D, V is B×Hkv×Skv×Dv, the result B×Hq×Sq×Dv and the scores
/// B×Hq×Sq×Skv.
namespace sdpa_dim {
constexpr unsigned kBatch = 0;   ///< B
constexpr unsigned kHeads = 1;   ///< Hq (Q, result, scores) or Hkv (K, V)
constexpr unsigned kSeq = 2;     ///< Sq (Q, result, scores) or Skv (K, V)
constexpr unsigned kFeature = 3; ///< D (Q, K) or Dv (V, result)
constexpr unsigned kKeys = 3;    ///< Skv in the scores
constexpr unsigned kRank = 4;
} // namespace sdpa_dim

/// Where attn.online_attention's 2-D operands keep their dims: Q is Bq×D,
/// V is Bk×Dv, the mask and the scores Bq×Bk, acc Bq×Dv, max and sum Bq.
/// K is Bk×D, or D×Bk with `key_transposed`: see getKeySeqDim.
namespace online_dim {
constexpr unsigned kRows = 0;      ///< Bq (Q, mask, scores, acc, max, sum)
constexpr unsigned kFeature = 1;   ///< D (Q) or Dv (V, acc)
constexpr unsigned kValueKeys = 0; ///< Bk in V
constexpr unsigned kKeys = 1;      ///< Bk in the mask and the scores
constexpr unsigned kRank = 2;
} // namespace online_dim

/// Where attn.mha keeps its dims: the input and the key/value input are
/// B×S×M (S is Sq or Skv, M their model dim), the result B×Sq×N; a weight is
/// rows × columns in the x·W layout (rows: the model dim it reads, columns:
/// heads × head_dim, or N for Wo).
namespace mha_dim {
constexpr unsigned kBatch = 0; ///< B
constexpr unsigned kSeq = 1;   ///< Sq (input, result) or Skv (kv_input)
constexpr unsigned kModel = 2; ///< M, Mkv or N
constexpr unsigned kRank = 3;
constexpr unsigned kWeightRows = 0;
constexpr unsigned kWeightCols = 1;
} // namespace mha_dim

/// The sizes of one attn.sdpa problem; ShapedType::kDynamic where unknown.
struct SdpaDims {
  int64_t batch, queryHeads, kvHeads, querySeq, kvSeq, headDim, valueDim;

  /// Reads the dims from Q (B×Hq×Sq×D), K (B×Hkv×Skv×D), V (B×Hkv×Skv×Dv).
  /// Where Q, K and V disagree on a shared dim, the first static one wins:
  /// the verifier reports the disagreement.
  static SdpaDims get(RankedTensorType query, RankedTensorType key,
                      RankedTensorType value);
  static SdpaDims get(SdpaOp op);

  /// Query heads per key/value head (Hq / Hkv), or kDynamic if either is.
  int64_t groupSize() const;
  /// B×Hq×Sq×Skv.
  SmallVector<int64_t> scoresShape() const;
};

/// The same sizes as values for building IR: constants where static, the
/// operands' `tensor.dim` where dynamic. Each is read from the operand that
/// defines it (Q for B, Hq, Sq, D; K for Hkv, Skv; V for Dv).
struct SdpaSizes {
  OpFoldResult batch, queryHeads, kvHeads, querySeq, kvSeq, headDim, valueDim;

  static SdpaSizes get(OpBuilder &b, Location loc, Value query, Value key,
                       Value value);
  static SdpaSizes get(OpBuilder &b, Location loc, SdpaOp op);

  /// B×Hq×Sq: one entry per query row (row max, row sum).
  SmallVector<OpFoldResult> rows() const;
  /// B×Hq×Sq×Skv.
  SmallVector<OpFoldResult> scores() const;
  /// B×Hq×Sq×Dv.
  SmallVector<OpFoldResult> result() const;
};

/// A key block is Bk×D as stored, or D×Bk when transposed (the
/// `key_transposed` layout of attn.online_attention, and attn-tile's
/// B×Hkv×D×Skv copy of K): the dim of the two that counts the keys, and the
/// one that holds the head dim.
unsigned getKeySeqDim(bool transposed);
unsigned getKeyFeatureDim(bool transposed);
unsigned getKeySeqDim(OnlineAttentionOp op);
unsigned getKeyFeatureDim(OnlineAttentionOp op);
/// (keys, features) in the order a key block of that layout stores them:
/// offsets, sizes, indexing-map results.
template <typename T>
SmallVector<T, 2> keyLayout(bool transposed, T keys, T features) {
  SmallVector<T, 2> r(2, features);
  r[getKeySeqDim(transposed)] = keys;
  return r;
}

/// The scale applied when the op gives none: 1/sqrt(D).
double defaultScale(int64_t headDim);

//===----------------------------------------------------------------------===//
// Head grouping
//===----------------------------------------------------------------------===//

/// The key/value head that query head `queryHead` reads: ⌊h / G⌋ for the
/// group size G = Hq / Hkv (PyTorch's repeat_interleave, ONNX).
AffineExpr kvHeadOf(AffineExpr queryHead, int64_t groupSize);
OpFoldResult kvHeadOf(OpBuilder &b, Location loc, OpFoldResult queryHead,
                      int64_t groupSize);

//===----------------------------------------------------------------------===//
// Mask broadcasting
//===----------------------------------------------------------------------===//

/// A mask lines up with the scores (B×Hq×Sq×Skv for attn.sdpa, Bq×Bk for
/// attn.online_attention) aligned on the right; a static size-1 dim
/// broadcasts, any other size (a dynamic one included) is the scores' dim.
/// (attn.sdpa also broadcasts a dynamic dim whose runtime size is 1: its
/// lowerings expand such dims first, broadcastDynamicMaskDims.)

/// The scores' dim that mask dim `maskDim` lines up with.
int64_t maskScoreDim(RankedTensorType mask, int64_t maskDim,
                     int64_t scoresRank = sdpa_dim::kRank);
/// Whether mask dim `maskDim` broadcasts (a static 1).
bool maskDimBroadcasts(RankedTensorType mask, int64_t maskDim);
/// The map from the scores' dims to the mask's indices (broadcast dims read
/// index 0).
AffineMap maskBroadcastMap(RankedTensorType mask,
                           int64_t scoresRank = sdpa_dim::kRank);
/// The mask dim that lines up with the scores' dim `scoreDim`, if the mask
/// has one (a mask of lower rank has none for the leading dims).
std::optional<int64_t> getMaskDimOf(RankedTensorType mask, int64_t scoreDim,
                                    int64_t scoresRank = sdpa_dim::kRank);
/// Whether `type` may be a mask's element type for inputs of element type
/// `inputType`: i1 (a keep-mask), or an additive bias of the inputs' type or
/// f32.
bool isMaskElementType(Type type, Type inputType);
/// The first mask dim that cannot broadcast to `scoresShape` (static sizes
/// that differ and are not 1), if any.
std::optional<int64_t> findNonBroadcastMaskDim(ArrayRef<int64_t> maskShape,
                                               ArrayRef<int64_t> scoresShape);
/// The offsets and sizes of the part of `mask` that the scores' tile at
/// (`scoreOffsets`, `scoreSizes`) reads: broadcast dims take [0, 1).
void getMaskTile(OpBuilder &b, RankedTensorType mask,
                 ArrayRef<OpFoldResult> scoreOffsets,
                 ArrayRef<OpFoldResult> scoreSizes,
                 SmallVectorImpl<OpFoldResult> &offsets,
                 SmallVectorImpl<OpFoldResult> &sizes);

//===----------------------------------------------------------------------===//
// Causality: query i sees key j iff j ≤ i + offset
//===----------------------------------------------------------------------===//

/// The offset a causal attn.sdpa applies when it gives none: Skv − Sq
/// (bottom-right), of sizes (int64_t) or of affine expressions.
template <typename T> T defaultCausalOffset(T kvSeq, T querySeq) {
  return kvSeq - querySeq;
}
/// The same for `dims`; nullopt if Skv or Sq is dynamic.
std::optional<int64_t> getDefaultCausalOffset(const SdpaDims &dims);
/// The offset attn.sdpa applies when `causal` is set: the attribute, or
/// the default. nullopt when not causal or not known statically.
std::optional<int64_t> getStaticCausalOffset(SdpaOp op);
/// The same as a value (folded where static); null when not causal.
OpFoldResult getEffectiveCausalOffset(OpBuilder &b, Location loc, SdpaOp op,
                                      const SdpaSizes &sizes);
/// Whether the causal rule hides no key from any row (every row sees the
/// last key); true when not causal.
bool causalHidesNoKey(SdpaOp op);
/// Whether the offset is at most the default Skv − Sq (statically known; the
/// default itself included), so that no row's visible keys are cut at Skv:
/// then a block of rows [i0, i0 + n) on keys [0, causalKeyEnd) has the
/// default offset again, and attn.sdpa's query dim tiles into attn.sdpa ops.
bool causalOffsetWithinDefault(SdpaOp op);
/// Where to split the rows of a causal attn.sdpa whose offset X may exceed
/// Skv − Sq: rows [0, r) with r = clamp(Skv − X, 0, Sq) see keys
/// [0, clamp(r + X, 0, Skv)) with the default offset, rows [r, Sq) see every
/// key. Returns (r, that key end).
std::pair<OpFoldResult, OpFoldResult>
splitCausalRows(OpBuilder &b, Location loc, SdpaOp op, const SdpaSizes &sizes);
/// The end of the keys that rows [i0, rowEnd) see together: the first key
/// hidden from row rowEnd − 1, clamped to [0, Skv].
OpFoldResult causalKeyEnd(OpBuilder &b, Location loc, OpFoldResult rowEnd,
                          OpFoldResult offset, OpFoldResult kvSeq);
/// attn.online_attention's causal_shift for the block of rows starting at
/// `rowStart` and keys starting at `keyStart`: the offset in block
/// coordinates, rowStart + offset − keyStart.
OpFoldResult blockCausalShift(OpBuilder &b, Location loc, OpFoldResult rowStart,
                              OpFoldResult offset, OpFoldResult keyStart);

/// i + offset: the last key row i sees (index or integer vector values).
Value buildCausalLimit(OpBuilder &b, Location loc, Value row, Value offset);
/// j > limit: whether the causal rule hides key j (index or integer vector
/// values).
Value buildCausallyHidden(OpBuilder &b, Location loc, Value key, Value limit);
/// The same inside a linalg.generic body whose loops `rowDim` and `keyDim`
/// are the query row and the key.
Value buildCausallyHiddenInGeneric(OpBuilder &b, Location loc, unsigned rowDim,
                                   unsigned keyDim, Value offset);

//===----------------------------------------------------------------------===//
// The masked softmax
//===----------------------------------------------------------------------===//

/// One score: dot · scale, plus an additive bias (a float `maskValue`,
/// widened to f32) or −inf where a keep-mask (an i1 `maskValue`) is false,
/// then −inf where `hidden` (built after the mask: an i1 such as the causal
/// rule's) is true. `maskValue` and `hidden` may be null.
Value buildMaskedScore(OpBuilder &b, Location loc, Value dot, Value scale,
                       Value maskValue,
                       function_ref<Value(OpBuilder &, Location)> hidden);
/// The additive bias a keep-mask element `keep` (i1) stands for: 0 where it
/// keeps the key, −inf where it masks it (f32).
Value buildKeepMaskBias(OpBuilder &b, Location loc, Value keep);
/// −inf where `hidden`, else `score` (scalars or vectors).
Value buildHiddenScore(OpBuilder &b, Location loc, Value hidden, Value score);
/// What a row subtracts from its scores before exponentiating: its max, or
/// 0 when the max is −inf (the row has seen only masked keys), so that the
/// masked scores give exp(−inf) = 0 instead of exp(NaN).
Value buildSafeMax(OpBuilder &b, Location loc, Value rowMax);
/// exp(x − safeMax(rowMax)): 0 for a masked score, never NaN.
Value buildSafeExp(OpBuilder &b, Location loc, Value x, Value rowMax);
/// acc / sum, or 0 where sum is 0 (a row whose keys are all masked).
Value buildSafeDivide(OpBuilder &b, Location loc, Value acc, Value sum);

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_ATTNSEMANTICS_H
