//===- PruneHeadsPass.cpp - the attn-prune-heads pass ---------------------===//
//
// A driver in two phases. Planning reads the options, the scores file and
// every attn.mha and decides each layer's kept heads; any error there (a
// layer that would lose every head, a file naming a layer that does not
// exist, ...) is reported and the module is left exactly as it was. Only
// then are the layers rewritten. The phases make this a module pass over a
// walk rather than a rewrite pattern: whether one layer may be pruned
// depends on checks over all of them and over the file.
//
//===----------------------------------------------------------------------===//

#include "PruneHeads.h"

#include "attn/Dialect/Attn/AttnDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Remarks.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNPRUNEHEADS
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::prune;

namespace {

/// One layer to prune.
struct LayerPlan {
  MhaOp op;
  std::optional<HeadScores> scores;
  HeadPlan plan;
};

struct AttnPruneHeads : attn::impl::AttnPruneHeadsBase<AttnPruneHeads> {
  using Base::Base;

  void runOnOperation() override;

private:
  /// The criterion the options ask for, and the drop list by layer name.
  LogicalResult readOptions(Location loc, Criterion &criterion,
                            llvm::StringMap<SmallVector<int64_t>> &drops);
  /// The scores of `op`: from the file, its attribute or its norms. With a
  /// drop list, scores only annotate the remarks, so a layer that cannot be
  /// scored gets none instead of an error.
  FailureOr<std::optional<HeadScores>>
  scoreLayer(MhaOp op, const ScoresFile *file, bool needed);
  void report(const LayerPlan &layer, const PruneCounts &counts);

  /// The norm and GQA options, read by readOptions.
  HeadNorm headNorm = HeadNorm::L1;
  HeadGroupPruning groupMode = HeadGroupPruning::Groups;
};

} // namespace

static std::string layerName(MhaOp op) {
  if (std::optional<StringRef> name = op.getName())
    return ("layer '" + *name + "'").str();
  return "an unnamed layer";
}

static StringRef sourceName(ScoreSource source, HeadNorm norm) {
  switch (source) {
  case ScoreSource::Norm:
    return norm == HeadNorm::L1 ? "L1 norms" : "L2 norms";
  case ScoreSource::Attribute:
    return "attn.head_scores";
  case ScoreSource::File:
    return "the scores file";
  }
  llvm_unreachable("unknown score source");
}

LogicalResult
AttnPruneHeads::readOptions(Location loc, Criterion &criterion,
                            llvm::StringMap<SmallVector<int64_t>> &drops) {
  // The text options are read here rather than by the option parser: a
  // value the parser refuses is reported without a location or a word on
  // what is accepted; here it is an error at the module that says both.
  if (norm == "l1" || norm == "l2") {
    headNorm = norm == "l1" ? HeadNorm::L1 : HeadNorm::L2;
  } else {
    return emitError(loc) << "norm=" << norm
                          << " is not a norm this pass computes: expected "
                             "l1 (sum of absolute values) or l2";
  }
  if (gqa == "groups" || gqa == "per-group") {
    groupMode =
        gqa == "groups" ? HeadGroupPruning::Groups : HeadGroupPruning::PerGroup;
  } else {
    return emitError(loc) << "gqa=" << gqa
                          << " is not a way to prune grouped-query "
                             "attention: expected groups or per-group";
  }
  double ratioValue = 0, thresholdValue = 0;
  if (!ratio.empty() && (StringRef(ratio).trim().getAsDouble(ratioValue) ||
                         !std::isfinite(ratioValue)))
    return emitError(loc) << "ratio=" << ratio
                          << " is not a number: ratio is the fraction of "
                             "each layer's heads kept, 0 < ratio <= 1, e.g. "
                             "ratio=0.5";
  if (!threshold.empty() &&
      (StringRef(threshold).trim().getAsDouble(thresholdValue) ||
       std::isnan(thresholdValue)))
    return emitError(loc) << "threshold=" << threshold
                          << " is not a number: the heads whose score is >= "
                             "threshold are kept, e.g. threshold=0.5";
  // 0 is what keep holds when not given; written out, it (like ratio=0)
  // asks for no head at all, which the count below would misreport as no
  // criterion.
  if (keep.hasValue() && keep == 0)
    return emitError(loc) << "keep=0 would leave no head: keep is the number "
                             "of query heads each layer keeps, at least 1";
  if (!ratio.empty() && ratioValue == 0)
    return emitError(loc) << "ratio=" << ratio
                          << " would leave no head: ratio is the fraction of "
                             "each layer's heads kept, 0 < ratio <= 1";
  int given = (keep != 0) + !ratio.empty() + !threshold.empty() + !drop.empty();
  if (given != 1)
    return emitError(loc) << "attn-prune-heads needs exactly one of keep, "
                             "ratio, threshold and drop; got "
                          << given;
  if (keep < 0)
    return emitError(loc) << "keep=" << static_cast<int64_t>(keep)
                          << " must be positive";
  if (ratioValue < 0 || ratioValue > 1)
    return emitError(loc) << "ratio=" << ratio
                          << " must be in (0, 1]: the fraction of heads kept";
  if (keep > 0) {
    criterion.kind = Criterion::Keep;
    criterion.keep = keep;
  } else if (!ratio.empty()) {
    criterion.kind = Criterion::Ratio;
    criterion.ratio = ratioValue;
  } else if (!threshold.empty()) {
    criterion.kind = Criterion::Threshold;
    criterion.threshold = thresholdValue;
  } else {
    criterion.kind = Criterion::Drop;
  }
  for (const std::string &entry : drop) {
    SmallVector<StringRef> parts;
    StringRef(entry).split(parts, ':');
    if (parts.size() < 2 || parts[0].empty())
      return emitError(loc) << "drop entry '" << entry
                            << "' is not <layer>:<head>[:<head>...]";
    SmallVector<int64_t> &heads = drops[parts[0]];
    for (StringRef part : ArrayRef(parts).drop_front()) {
      int64_t head;
      if (part.trim().getAsInteger(10, head))
        return emitError(loc) << "drop entry '" << entry << "': '" << part
                              << "' is not a head index";
      heads.push_back(head);
    }
  }
  return success();
}

/// "4 heads, 0 to 3" / "1 head, 0".
static std::string headRange(int64_t heads) {
  if (heads == 1)
    return "1 head, 0";
  return (llvm::Twine(heads) + " heads, 0 to " + llvm::Twine(heads - 1)).str();
}

FailureOr<std::optional<HeadScores>>
AttnPruneHeads::scoreLayer(MhaOp op, const ScoresFile *file, bool needed) {
  std::string error;
  if (file && op.getName()) {
    auto it = file->find(*op.getName());
    if (it != file->end()) {
      const FileLayerScores &given = it->second;
      int64_t hq = op.getNumHeads();
      if (given.isArray && static_cast<int64_t>(given.byHead.size()) != hq) {
        op.emitError() << "the scores file gives " << given.byHead.size()
                       << " scores for " << layerName(op) << ", which has "
                       << hq << " heads";
        return failure();
      }
      // An object names heads by index: each of the layer's, and no other.
      if (!given.byHead.empty() && given.byHead.rbegin()->first >= hq) {
        int64_t head = given.byHead.rbegin()->first;
        op.emitError() << "the scores file gives a score for head " << head
                       << " of " << layerName(op) << ", but head " << head
                       << " does not exist (the layer has " << headRange(hq)
                       << ")";
        return failure();
      }
      HeadScores scores;
      scores.source = ScoreSource::File;
      for (int64_t h = 0; h < hq; ++h) {
        auto score = given.byHead.find(h);
        if (score == given.byHead.end()) {
          op.emitError() << "the scores file gives no score for head " << h
                         << " of " << layerName(op) << " (the layer has "
                         << headRange(hq) << ", and each needs one)";
          return failure();
        }
        scores.heads.push_back(score->second);
      }
      scores.kvExtra.assign(op.getNumKvHeads(), 0.0);
      return std::optional<HeadScores>(std::move(scores));
    }
  }
  FailureOr<std::optional<HeadScores>> fromAttr =
      scoresFromAttribute(op, error);
  if (failed(fromAttr)) {
    op.emitError() << error;
    return failure();
  }
  if (*fromAttr)
    return fromAttr;
  // Wk and Wv columns count when whole KV groups of several query heads are
  // scored; a multi-head layer's head is scored by its Wq columns and Wo
  // rows alone.
  bool withKv = groupMode == HeadGroupPruning::Groups &&
                op.getNumHeads() != op.getNumKvHeads();
  FailureOr<HeadScores> norms = scoreByNorm(op, headNorm, withKv, error);
  if (succeeded(norms))
    return std::optional<HeadScores>(std::move(*norms));
  if (!needed)
    return std::optional<HeadScores>();
  op.emitError() << error;
  return failure();
}

void AttnPruneHeads::report(const LayerPlan &layer, const PruneCounts &counts) {
  MhaOp op = layer.op;
  int64_t hq = op.getNumHeads(), hkv = op.getNumKvHeads();
  std::string text;
  llvm::raw_string_ostream os(text);
  os << layerName(op) << ": dropped head";
  SmallVector<int64_t> dropped;
  for (int64_t h = 0, k = 0; h < hq; ++h) {
    if (k < static_cast<int64_t>(layer.plan.keptHeads.size()) &&
        layer.plan.keptHeads[k] == h)
      ++k;
    else
      dropped.push_back(h);
  }
  os << (dropped.size() == 1 ? " " : "s ");
  llvm::interleaveComma(dropped, os, [&](int64_t h) {
    os << h;
    if (layer.scores)
      os << llvm::format(" (%g)", layer.scores->heads[h]);
  });
  os << " of " << hq;
  if (layer.scores)
    os << ", scored by " << sourceName(layer.scores->source, headNorm);
  os << "; kept ";
  llvm::interleaveComma(layer.plan.keptHeads, os);
  if (hkv != hq && static_cast<int64_t>(layer.plan.keptKvHeads.size()) != hkv)
    os << "; KV heads " << hkv << " -> " << layer.plan.keptKvHeads.size();
  if (!layer.plan.rounding.empty())
    os << "; rounded: " << layer.plan.rounding;
  auto r = remark::passed(
      op.getLoc(),
      remark::RemarkOpts::name("HeadsPruned").category(getArgument()));
  r << remark::add("{0}", text)
    << remark::metric("HeadsRemoved", static_cast<int64_t>(dropped.size()))
    << remark::metric("ParamsRemoved", counts.params);
  if (counts.flops)
    r << remark::metric("FlopsRemoved", *counts.flops);
}

void AttnPruneHeads::runOnOperation() {
  ModuleOp module = getOperation();
  Criterion criterion;
  llvm::StringMap<SmallVector<int64_t>> drops;
  if (failed(readOptions(module.getLoc(), criterion, drops)))
    return signalPassFailure();
  std::optional<ScoresFile> file;
  if (!scoresFile.empty()) {
    std::string error;
    FailureOr<ScoresFile> read = readScoresFile(scoresFile, error);
    if (failed(read)) {
      emitError(module.getLoc()) << error;
      return signalPassFailure();
    }
    file = std::move(*read);
  }

  SmallVector<MhaOp> ops;
  llvm::StringSet<> names;
  module.walk([&](MhaOp op) {
    ops.push_back(op);
    if (std::optional<StringRef> name = op.getName())
      names.insert(*name);
  });
  // Every layer the file or the drop list names must exist.
  auto checkNamed = [&](StringRef name, StringRef where) -> LogicalResult {
    if (name == "*" || names.contains(name))
      return success();
    InFlightDiagnostic diag = emitError(module.getLoc())
                              << where << " names layer '" << name
                              << "', but no attn.mha has that name";
    if (!names.empty()) {
      SmallVector<StringRef> known;
      for (const auto &entry : names)
        known.push_back(entry.getKey());
      llvm::sort(known);
      diag << " (layers: " << llvm::join(known, ", ") << ")";
    }
    return failure();
  };
  bool ok = true;
  if (file)
    for (const auto &entry : *file)
      ok &= succeeded(checkNamed(entry.getKey(), "the scores file"));
  for (const auto &entry : drops)
    ok &= succeeded(checkNamed(entry.getKey(), "the drop list"));
  if (!ok)
    return signalPassFailure();

  // Plan every layer before changing any.
  bool byDrop = criterion.kind == Criterion::Drop;
  SmallVector<LayerPlan, 4> layers;
  for (MhaOp op : ops) {
    std::optional<StringRef> name = op.getName();
    Criterion layerCriterion = criterion;
    if (byDrop) {
      auto it = drops.find("*");
      if (it != drops.end())
        llvm::append_range(layerCriterion.drop, it->second);
      if (name && (it = drops.find(*name)) != drops.end())
        llvm::append_range(layerCriterion.drop, it->second);
      if (layerCriterion.drop.empty())
        continue;
    } else if (file && (!name || !file->contains(*name))) {
      // With a scores file, only the layers it scores are pruned.
      continue;
    }
    FailureOr<std::optional<HeadScores>> scores =
        scoreLayer(op, file ? &*file : nullptr, /*needed=*/!byDrop);
    if (failed(scores)) {
      ok = false;
      continue;
    }
    std::string error;
    FailureOr<HeadPlan> plan = selectHeads(op.getNumHeads(), op.getNumKvHeads(),
                                           *scores ? &**scores : nullptr,
                                           layerCriterion, groupMode, error);
    if (failed(plan)) {
      op.emitError() << "cannot prune " << layerName(op) << ": " << error;
      ok = false;
      continue;
    }
    if (plan->prunesNothing(op.getNumHeads())) {
      // Say so when rounding to whole groups is what kept every head.
      if (!plan->rounding.empty())
        remark::analysis(
            op.getLoc(),
            remark::RemarkOpts::name("HeadsKept").category(getArgument()))
            << remark::add("{0}: keeps every head; {1}", layerName(op),
                           plan->rounding);
      continue;
    }
    layers.push_back({op, std::move(*scores), std::move(*plan)});
  }
  if (!ok)
    return signalPassFailure();

  SymbolTableCollection symbolTables;
  llvm::SetVector<WeightOp> oldWeights;
  int64_t heads = 0, params = 0, flops = 0;
  for (LayerPlan &layer : layers) {
    PruneCounts counts = countRemoved(layer.op, layer.plan);
    report(layer, counts);
    heads += layer.op.getNumHeads() - layer.plan.keptHeads.size();
    numKvHeads += layer.op.getNumKvHeads() - layer.plan.keptKvHeads.size();
    params += counts.params;
    flops += counts.flops.value_or(0);
    pruneLayer(layer.op, layer.plan, symbolTables, oldWeights);
  }
  eraseUnusedWeights(oldWeights.getArrayRef(), symbolTables);
  numLayers += layers.size();
  numHeads += heads;
  numParams += params;
  numFlops += flops;
  if (!layers.empty())
    remark::passed(
        module.getLoc(),
        remark::RemarkOpts::name("HeadsPruned").category(getArgument()))
        << remark::add("{0} head(s) removed from {1} layer(s)", heads,
                       layers.size())
        << remark::metric("ParamsRemoved", params)
        << remark::metric("FlopsRemoved", flops);
}
