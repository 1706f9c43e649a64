//===- RaiseMha.h - recognizing multi-head blocks around attn.sdpa -*- C++ -*-//
//
// After a chain is raised to attn.sdpa, the projections, head split and
// merge around it may form a whole multi-head attention block: Q, K and V
// projected from one input (or K and V from another: cross-attention), by
// separate linears or one fused QKV linear split into heads, reshaped and
// transposed to B×H×S×D (K and V possibly repeated for grouped-query
// attention), the result transposed back, merged and projected. The match
// reads the IR only and says why it failed; the rewrite replaces the block
// with one attn.mha.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TRANSFORMS_RAISE_RAISEMHA_H
#define ATTN_LIB_TRANSFORMS_RAISE_RAISEMHA_H

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/SetVector.h"

#include <string>

namespace mlir::attn::raise {

/// A column range [offset, offset + cols) of a linear `x · weight (+ bias)`
/// (weight K × N in the x·W layout, bias N): one of Q, K, V (a fused QKV
/// linear gives each a range) or the output projection.
struct ProjectionSlice {
  /// The B×S×K input (before any flattening into rows).
  Value input;
  Value weight, bias;
  int64_t offset = 0, cols = 0;
  /// The linear's weight columns (N); a range of fewer is a slice of it.
  int64_t totalCols = 0;
  bool fused() const { return cols != totalCols; }
};

/// A multi-head block around one attn.sdpa.
struct MhaBlock {
  SdpaOp sdpa;
  ProjectionSlice q, k, v, out;
  int64_t heads = 0, kvHeads = 0, headDim = 0;
  /// K and V were repeated to `heads` heads (the repeat is dropped).
  bool repeated = false;
  /// The B×Sq×N value the block computes (replaced by attn.mha).
  Value result;
  /// Every op of the block but the weights' producers (erased after the
  /// rewrite when unused).
  llvm::SetVector<Operation *> ops;
};

/// Matches the block around `sdpa`. On failure `why` says what did not fit.
FailureOr<MhaBlock> matchMhaBlock(SdpaOp sdpa, std::string &why);

/// Replaces `block.result` with attn.mha and erases the block's ops.
MhaOp rewriteMhaBlock(RewriterBase &rewriter, MhaBlock &block);

/// When `op`'s Wq (and bq, if any) are f32 constants, possibly sliced or
/// transposed: replaces them with constants pre-multiplied by the op's
/// scale and sets its scale to 1. Returns whether it did.
bool foldScaleIntoQuery(RewriterBase &rewriter, MhaOp op);

/// How the block was written, for the remark.
std::string describeMhaBlock(const MhaBlock &block);

} // namespace mlir::attn::raise

#endif // ATTN_LIB_TRANSFORMS_RAISE_RAISEMHA_H
