//===- HeadSelection.cpp - which heads an attn.mha keeps ------------------===//
//
// A criterion asks for a number of query heads (keep, ratio, threshold) or
// names heads to drop. With grouped-query attention (G = Hq/Hkv query heads
// per KV head) the result must still group evenly: either whole KV groups go
// (with their G query heads), or every group loses the same number of query
// heads. A count that does not fit is rounded to the nearest one that does;
// a drop list that does not fit is the user's explicit choice, so it is an
// error rather than silently changed.
//
//===----------------------------------------------------------------------===//

#include "PruneHeads.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::prune;

/// Indices 0..n-1 ordered by score, highest first; equal scores keep the
/// lower index first.
static SmallVector<int64_t> byScore(ArrayRef<double> scores) {
  auto order = llvm::to_vector(
      llvm::seq<int64_t>(0, static_cast<int64_t>(scores.size())));
  llvm::stable_sort(
      order, [&](int64_t a, int64_t b) { return scores[a] > scores[b]; });
  return order;
}

/// The `count` highest-scored indices, ascending.
static SmallVector<int64_t> topScored(ArrayRef<double> scores, int64_t count) {
  SmallVector<int64_t> order = byScore(scores);
  order.resize(count);
  llvm::sort(order);
  return order;
}

/// How many `unit`s `count` is nearest to (halves up), at least 1 and at most
/// `max`.
static int64_t roundToUnits(int64_t count, int64_t unit, int64_t max) {
  int64_t units = std::lround(static_cast<double>(count) / unit);
  return std::clamp<int64_t>(units, 1, max);
}

/// A score or ratio as %g prints it (0.75, 3, 1e-05).
static std::string num(double value) {
  std::string text;
  llvm::raw_string_ostream(text) << llvm::format("%g", value);
  return text;
}

/// The heads of a drop list, checked: in range, not all of them, and
/// fitting the grouping.
static FailureOr<HeadPlan> planDrop(int64_t hq, int64_t hkv,
                                    ArrayRef<int64_t> drop, bool wholeGroups,
                                    std::string &error) {
  int64_t g = hq / hkv;
  SmallVector<bool> dropped(hq, false);
  for (int64_t h : drop) {
    if (h < 0 || h >= hq) {
      error = llvm::formatv("the drop list names head {0}, but the layer has "
                            "heads 0 to {1}",
                            h, hq - 1);
      return failure();
    }
    dropped[h] = true;
  }
  if (llvm::all_of(dropped, [](bool d) { return d; })) {
    error = llvm::formatv("the drop list would remove all {0} heads", hq);
    return failure();
  }
  HeadPlan plan;
  SmallVector<int64_t> perGroup(hkv, 0);
  for (int64_t h = 0; h < hq; ++h)
    perGroup[h / g] += dropped[h];
  if (wholeGroups) {
    for (int64_t kv = 0; kv < hkv; ++kv) {
      if (perGroup[kv] != 0 && perGroup[kv] != g) {
        error = llvm::formatv(
            "the drop list names {0} of the {1} query heads of KV group {2} "
            "(heads {3} to {4}); with gqa=groups it must name whole groups "
            "(gqa=per-group drops the same number from every group)",
            perGroup[kv], g, kv, kv * g, kv * g + g - 1);
        return failure();
      }
      if (perGroup[kv] == 0)
        plan.keptKvHeads.push_back(kv);
    }
  } else {
    for (int64_t kv = 1; kv < hkv; ++kv) {
      if (perGroup[kv] != perGroup[0]) {
        error = llvm::formatv(
            "the drop list removes {0} heads from KV group 0 but {1} from KV "
            "group {2}; with gqa=per-group every group loses the same number "
            "(gqa=groups drops whole groups)",
            perGroup[0], perGroup[kv], kv);
        return failure();
      }
    }
    plan.keptKvHeads = llvm::to_vector(llvm::seq<int64_t>(0, hkv));
  }
  for (int64_t h = 0; h < hq; ++h)
    if (!dropped[h])
      plan.keptHeads.push_back(h);
  return plan;
}

FailureOr<HeadPlan> prune::selectHeads(int64_t hq, int64_t hkv,
                                       const HeadScores *scores,
                                       const Criterion &criterion,
                                       HeadGroupPruning mode,
                                       std::string &error) {
  int64_t g = hq / hkv;
  // With one query head per KV head, dropping a head drops its KV head:
  // both modes are the same.
  bool wholeGroups = mode == HeadGroupPruning::Groups || g == 1;
  if (criterion.kind == Criterion::Drop)
    return planDrop(hq, hkv, criterion.drop, wholeGroups, error);

  assert(scores && "keep, ratio and threshold need scores");
  // The number of query heads asked for.
  int64_t target = 0;
  std::string asked;
  switch (criterion.kind) {
  case Criterion::Keep:
    target = std::min(criterion.keep, hq);
    asked = llvm::formatv("keep={0}", criterion.keep);
    break;
  case Criterion::Ratio:
    target = std::clamp<int64_t>(std::lround(criterion.ratio * hq), 1, hq);
    asked = llvm::formatv("ratio={0} of {1} heads, {2}", num(criterion.ratio),
                          hq, target);
    break;
  case Criterion::Threshold: {
    target = llvm::count_if(scores->heads,
                            [&](double s) { return s >= criterion.threshold; });
    if (target == 0) {
      error = llvm::formatv(
          "threshold={0} would remove all {1} heads (the highest score is "
          "{2})",
          num(criterion.threshold), hq, num(*llvm::max_element(scores->heads)));
      return failure();
    }
    asked = llvm::formatv("threshold={0}: {1} heads score at least that",
                          num(criterion.threshold), target);
    break;
  }
  case Criterion::Drop:
    llvm_unreachable("handled above");
  }

  HeadPlan plan;
  if (wholeGroups) {
    int64_t groups = roundToUnits(target, g, hkv);
    if (groups * g != target)
      plan.rounding = llvm::formatv(
          "{0}, which is not a whole number of KV groups of {1}: kept {2} "
          "query heads ({3} whole KV group(s), the nearest count)",
          asked, g, groups * g, groups);
    // A group scores the sum of its query heads plus its own K/V norms.
    SmallVector<double> groupScores(scores->kvExtra);
    groupScores.resize(hkv, 0.0);
    for (int64_t h = 0; h < hq; ++h)
      groupScores[h / g] += scores->heads[h];
    plan.keptKvHeads = topScored(groupScores, groups);
    for (int64_t kv : plan.keptKvHeads)
      for (int64_t h = kv * g; h < kv * g + g; ++h)
        plan.keptHeads.push_back(h);
    return plan;
  }
  int64_t perGroup = roundToUnits(target, hkv, g);
  if (perGroup * hkv != target)
    plan.rounding = llvm::formatv(
        "{0}, which does not split evenly over {1} KV groups: kept {2} query "
        "heads ({3} per group, the nearest count)",
        asked, hkv, perGroup * hkv, perGroup);
  for (int64_t kv = 0; kv < hkv; ++kv) {
    ArrayRef<double> group = ArrayRef<double>(scores->heads).slice(kv * g, g);
    for (int64_t h : topScored(group, perGroup))
      plan.keptHeads.push_back(kv * g + h);
  }
  plan.keptKvHeads = llvm::to_vector(llvm::seq<int64_t>(0, hkv));
  return plan;
}
