//===- Passes.h - attn transformation passes --------------------*- C++ -*-===//
//
// The passes declared in Passes.td and the pattern sets they drive, so that
// pipelines and other passes can reuse the patterns.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TRANSFORMS_PASSES_H
#define ATTN_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::attn {
class SdpaOp;

/// How attn-tile's kernels read K: transposed (D×Skv, copied once per
/// call), as stored (Skv×D), or Auto: as stored for decoding steps (see
/// kDecodeQueryRows), where the copy would cost more than it saves.
enum class SdpaKeyLayout { Auto, Transposed, Rows };

/// attn-prune-heads: the norm that scores a head from its weights, and how
/// grouped-query attention loses heads (whole KV groups, or the same number
/// of query heads from every group).
enum class HeadNorm { L1, L2 };
enum class HeadGroupPruning { Groups, PerGroup };

#define GEN_PASS_DECL
#include "attn/Transforms/Passes.h.inc"

/// attn.mha → projections (linalg.matmul), head reshapes and transposes
/// around attn.sdpa.
void populateAttnDecomposeMhaPatterns(RewritePatternSet &patterns);

/// attn.residual → its inlined body plus the residual add and layer norms.
void populateAttnDecomposeResidualPatterns(RewritePatternSet &patterns);

/// Both of the above: what attn-decompose-layers applies.
void populateAttnDecomposeLayersPatterns(RewritePatternSet &patterns);

/// Tile sizes for attn-tile's pattern (all explicit: the pass resolves
/// target-derived defaults before building it).
struct SdpaTileSizes {
  int64_t queryBlock = 64;
  int64_t kvBlock = 64;
  SdpaKeyLayout keyLayout = SdpaKeyLayout::Auto;
  /// Split-K: key/value ranges per query block computed in parallel and
  /// combined (1: no split).
  int64_t kvSplits = 1;
};

/// Queries of at most this many rows are decoding steps to attn-tile's
/// defaults: K is read as stored (no transposed copy) and the key range is
/// split across threads.
constexpr int64_t kDecodeQueryRows = 16;

/// The discardable attribute attn-pack-query-groups puts on the attn.sdpa it
/// makes: G, the query heads that became the G rows of each block.
constexpr llvm::StringLiteral kPackedQueryHeadsAttr = "attn.packed_query_heads";

/// The query length `op` was written with, for attn-tile's decisions: its
/// static Sq, divided by G when the rows are packed query heads (so a packed
/// MQA step with 32 heads is still a decoding step); kDynamic if dynamic.
int64_t logicalQueryLength(SdpaOp op);

/// attn.sdpa with one query row and G > 1 query heads per key/value head →
/// reshapes around an attn.sdpa whose G rows are the group's heads.
void populateAttnPackQueryGroupsPatterns(RewritePatternSet &patterns);

/// attn.sdpa → scf.forall × scf.for over attn.online_attention.
void populateAttnTileSdpaPatterns(RewritePatternSet &patterns,
                                  const SdpaTileSizes &sizes);

/// What attn-raise may do (its options).
struct RaiseOptions {
  /// Masks that are causal triangles become `causal` with their offset.
  bool causal = true;
  /// Multi-head blocks around a raised attn.sdpa become attn.mha.
  bool mha = true;
  /// A raised attn.mha's scale is folded into its Wq/bq when they are
  /// constants.
  bool foldScale = true;
};

/// What attn-raise's patterns did, for its statistics.
struct RaiseCounters {
  int64_t raised = 0;
  int64_t missed = 0;
  int64_t mhaRaised = 0;
  int64_t mhaMissed = 0;
  /// The attn.sdpa ops raised so far whose block is still to be tried as
  /// attn.mha (only those: attn.sdpa written as such is left alone).
  llvm::DenseSet<Operation *> pendingMha;
};

/// Attention chains in linalg on tensors (Q·Kᵀ, scale, masks, softmax, ·V)
/// → attn.sdpa. Each raised chain and each near miss is reported as an
/// optimization remark (category "attn-raise") and counted in `counters`.
void populateAttnRaisePatterns(RewritePatternSet &patterns,
                               const RaiseOptions &options,
                               RaiseCounters &counters);

#define GEN_PASS_REGISTRATION
#include "attn/Transforms/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_TRANSFORMS_PASSES_H
