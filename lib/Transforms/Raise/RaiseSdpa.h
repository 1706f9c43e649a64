//===- RaiseSdpa.h - recognizing attention chains ---------------*- C++ -*-===//
//
// The match of one attention chain ending at a contraction `probs · V`, and
// the rewrite that replaces it with attn.sdpa. The match reads the IR only;
// a failed match says why, so attn-raise can report near misses.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TRANSFORMS_RAISE_RAISESDPA_H
#define ATTN_LIB_TRANSFORMS_RAISE_RAISESDPA_H

#include "RaiseExpr.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/IR/PatternMatch.h"

#include <string>

namespace mlir::attn::raise {

/// A term added to the scaled scores: `factor · bias`, or, for a fill,
/// `fill` where `cond` says the key is masked and 0 elsewhere (expressions in
/// the 4-d frame (b, h, i, j) of attn.sdpa's scores).
struct MaskTerm {
  Expr *bias = nullptr;
  double factor = 1;
  Expr *cond = nullptr;
  /// A fill replaces the score where `cond` is false (keepWhenTrue) or true.
  bool keepWhenTrue = true;
  double fill = 0;
};

/// One attention chain: S = Q·Kᵀ (a linalg contraction), X = scale·S +
/// terms, P = softmax(X) over the keys, O = P·V (the contraction `pv`).
struct SdpaChain {
  linalg::LinalgOp pv, qk;
  /// Batch dims (0, 1 or 2: B and H) shared by every contraction.
  unsigned numBatch = 0;
  /// Operands and their maps from their contraction's loops, and the roles of
  /// those loops (see RaiseSdpa.cpp).
  Value q, k, v;
  AffineMap qMap, kMap, vMap;
  SmallVector<int> qkRoles, pvRoles;
  double scale = 1;
  SmallVector<MaskTerm> terms;
  bool causal = false;
  int64_t causalOffset = 0;
  /// Ops computing S, X and P only (erased after the rewrite).
  SmallVector<Operation *> ops;
  /// How the chain was written, for the remark.
  std::string description;
};

/// Matches the chain ending at `pv`. Failure with an empty `why`: `pv` is not
/// the end of anything like attention; with a reason: a near miss.
FailureOr<SdpaChain> matchSdpaChain(linalg::LinalgOp pv, ExprGraph &graph,
                                    const RaiseOptions &options,
                                    std::string &why);

/// Replaces `chain.pv` with attn.sdpa (and the reshapes and transposes to
/// its layout), erases the chain's ops and returns the attn.sdpa.
SdpaOp rewriteSdpaChain(RewriterBase &rewriter, SdpaChain &chain,
                        ExprGraph &graph);

} // namespace mlir::attn::raise

#endif // ATTN_LIB_TRANSFORMS_RAISE_RAISESDPA_H
