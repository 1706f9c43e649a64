//===- AttnShapes.h - dimensions of an attention problem --------*- C++ -*-===//
//
// One place that names the dimensions of an attention problem (batch, query
// and key/value heads, sequence lengths, head dims) and the head grouping, so
// that verification, lowering and tiling agree on them.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_ATTNSHAPES_H
#define ATTN_DIALECT_ATTN_ATTNSHAPES_H

#include "mlir/IR/BuiltinTypes.h"

namespace mlir::attn {

/// The sizes of one attn.sdpa problem; ShapedType::kDynamic where unknown.
struct SdpaDims {
  int64_t batch, queryHeads, kvHeads, querySeq, kvSeq, headDim, valueDim;

  /// Reads the dims from Q (B×Hq×Sq×D), K (B×Hkv×Skv×D), V (B×Hkv×Skv×Dv).
  /// Where Q, K and V disagree on a shared dim, the first static one wins:
  /// the verifier reports the disagreement.
  static SdpaDims get(RankedTensorType query, RankedTensorType key,
                      RankedTensorType value);

  /// Query heads per key/value head (Hq / Hkv), or kDynamic if either is.
  int64_t groupSize() const;
};

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_ATTNSHAPES_H
