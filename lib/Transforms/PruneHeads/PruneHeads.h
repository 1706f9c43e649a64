//===- PruneHeads.h - the pieces of attn-prune-heads ------------*- C++ -*-===//
//
// attn-prune-heads works in two phases so that an error leaves the module as
// it was: every attn.mha is scored and its kept heads chosen (a HeadPlan)
// before any op is rewritten. The pieces:
//
//   - HeadScores.cpp: a head's importance (norms of its constant weights, an
//     op attribute, or a JSON scores file);
//   - HeadSelection.cpp: which heads to keep for a criterion (keep, ratio,
//     threshold, drop list), rounded to whole KV groups or to the same count
//     per group;
//   - SliceWeights.cpp: the rewrite of one op's weights, biases and mask.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TRANSFORMS_PRUNEHEADS_PRUNEHEADS_H
#define ATTN_LIB_TRANSFORMS_PRUNEHEADS_PRUNEHEADS_H

#include "../WeightContent.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/IR/SymbolTable.h"

#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <optional>
#include <string>

namespace mlir::attn::prune {

/// The discardable attribute holding supplied per-query-head scores
/// (`array<f64: ...>`).
constexpr llvm::StringLiteral kHeadScoresAttr = "attn.head_scores";

//===----------------------------------------------------------------------===//
// Constant weights
//===----------------------------------------------------------------------===//

/// A weight operand whose elements are known at compile time: the result of
/// an attn.weight_ref (to an attn.weight) or of an arith.constant.
struct ConstantWeight {
  /// The attn.weight_ref or arith.constant.
  Operation *producer;
  /// The referenced attn.weight; null for an arith.constant.
  WeightOp weight;
  ElementsAttr value;
  WeightContent content;

  /// Element `index` (row-major) as a double.
  double at(int64_t index) const;
};

/// `value`'s constant elements, if it has them (dense<...> or an available
/// dense_resource blob, statically shaped f32, f16 or bf16).
std::optional<ConstantWeight> getConstantWeight(Value value);

//===----------------------------------------------------------------------===//
// Scores
//===----------------------------------------------------------------------===//

/// Where a layer's scores came from (named in remarks).
enum class ScoreSource { Norm, Attribute, File };

struct HeadScores {
  ScoreSource source = ScoreSource::Norm;
  /// One score per query head.
  SmallVector<double> heads;
  /// Added to a KV group's score (the sum of its query heads' scores): the
  /// norms of its Wk and Wv columns when scored by norm, else 0.
  SmallVector<double> kvExtra;
};

/// One layer's scores as a scores file gives them. Whether they fit the
/// layer (one per head, no head it does not have) is checked against the
/// layer, which the file alone does not know.
struct FileLayerScores {
  /// Head index -> score; an array gives heads 0, 1, ... in order.
  std::map<int64_t, double> byHead;
  /// Whether the file gave an array (rather than an object from indices).
  bool isArray = false;
};

/// The scores of every layer a scores file names.
using ScoresFile = llvm::StringMap<FileLayerScores>;

/// Reads a scores file: a JSON object from layer names to an array of
/// numbers (one per query head) or an object from head indices ("0", "1",
/// ...) to numbers. On failure returns a message naming the problem (and
/// for a JSON syntax error its line and column).
FailureOr<ScoresFile> readScoresFile(StringRef path, std::string &error);

/// The head norms of `op` from its weights: the `norm` of each head's Wq
/// columns plus that of its Wo rows, and each KV head's Wk and Wv columns.
/// Fails (with `error` set) when a weight needed is not a constant.
FailureOr<HeadScores> scoreByNorm(MhaOp op, HeadNorm norm, bool withKv,
                                  std::string &error);

/// The scores in `op`'s attn.head_scores attribute, if it has one; fails
/// with `error` set when it is not an array<f64> of one score per head.
FailureOr<std::optional<HeadScores>> scoresFromAttribute(MhaOp op,
                                                         std::string &error);

//===----------------------------------------------------------------------===//
// Selection
//===----------------------------------------------------------------------===//

/// What to keep: one of the pass's criteria.
struct Criterion {
  enum Kind { Keep, Ratio, Threshold, Drop } kind;
  int64_t keep = 0;
  double ratio = 0;
  double threshold = 0;
  /// Drop: the query heads to drop (indices, possibly out of range).
  SmallVector<int64_t> drop;
};

/// The heads one layer keeps.
struct HeadPlan {
  /// Kept query heads and KV heads, ascending.
  SmallVector<int64_t> keptHeads, keptKvHeads;
  /// How a count that did not fit the KV groups was rounded (empty if it
  /// fitted).
  std::string rounding;

  bool prunesNothing(int64_t numHeads) const {
    return static_cast<int64_t>(keptHeads.size()) == numHeads;
  }
};

/// Chooses the heads a layer of `numHeads` query heads in `numKvHeads` KV
/// groups keeps. `scores` may be null for a drop list. Fails with `error`
/// set when the criterion would drop every head, names a head that does not
/// exist, or is a drop list that does not fit `mode`.
FailureOr<HeadPlan> selectHeads(int64_t numHeads, int64_t numKvHeads,
                                const HeadScores *scores,
                                const Criterion &criterion,
                                HeadGroupPruning mode, std::string &error);

//===----------------------------------------------------------------------===//
// Rewrite
//===----------------------------------------------------------------------===//

/// What the rewrite of one layer removed.
struct PruneCounts {
  int64_t params = 0;
  /// FLOPs per call; nullopt when the layer's shapes are not static.
  std::optional<int64_t> flops;
};

/// The parameters and FLOPs `plan` removes from `op` (computed before the
/// rewrite).
PruneCounts countRemoved(MhaOp op, const HeadPlan &plan);

/// Rewrites `op` to keep only `plan`'s heads: its weights, biases, mask and
/// head counts. Constant weights become new, smaller constants (attn.weight
/// `<name>.pruned` through `symbols`); other values are sliced with
/// tensor.extract_slice and tensor.concat. The old attn.weight_refs and
/// constants that lose their last user are erased, and the attn.weights
/// they read are added to `oldWeights` (for eraseUnusedWeights).
void pruneLayer(MhaOp op, const HeadPlan &plan,
                SymbolTableCollection &symbolTables,
                llvm::SetVector<WeightOp> &oldWeights);

/// Erases the weights in `oldWeights` that nothing references any more.
void eraseUnusedWeights(ArrayRef<WeightOp> oldWeights,
                        SymbolTableCollection &symbolTables);

} // namespace mlir::attn::prune

#endif // ATTN_LIB_TRANSFORMS_PRUNEHEADS_PRUNEHEADS_H
