//===- ShareWeights.cpp - the attn-share-weights pass ---------------------===//
//
// Groups the module's weights (attn.weight ops and, optionally, constants
// that could be weights) by content — a hash, then an exact comparison — and
// keeps one attn.weight per group. Content comparison is WeightContent's.
//
//===----------------------------------------------------------------------===//

#include "WeightContent.h"

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/Remarks.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSHAREWEIGHTS
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// An attn.weight or an arith.constant, with its content.
struct Candidate {
  Operation *op;
  WeightContent content;
};

/// Identical candidates, in module order; the first one is kept.
struct Group {
  SmallVector<unsigned> members;
  /// The group whose kept weight this group's members are the transpose of.
  std::optional<unsigned> transposeOf;
  /// Another group reads this one's kept weight transposed.
  bool transposed = false;
};

struct AttnShareWeights : attn::impl::AttnShareWeightsBase<AttnShareWeights> {
  using Base::Base;

  void runOnOperation() override;

private:
  void collect(ModuleOp module);
  void group();
  void findTransposes(ModuleOp module);
  void rewrite(ModuleOp module);
  /// The kept weight of `group`: its first member, made an attn.weight if it
  /// is a constant.
  WeightOp keep(ModuleOp module, SymbolTable &symbols, Group &group);

  SmallVector<Candidate> candidates;
  SmallVector<Group> groups;
};

} // namespace

void AttnShareWeights::collect(ModuleOp module) {
  for (WeightOp weight : module.getOps<WeightOp>())
    if (std::optional<WeightContent> content =
            getWeightContent(weight.getValue()))
      candidates.push_back({weight, *content});
  if (!constants)
    return;
  // Constants of this module's symbol table only: an attn.weight_ref in a
  // nested module would look for the weight there.
  module.walk<WalkOrder::PreOrder>([&](Operation *op) {
    if (op != module && op->hasTrait<OpTrait::SymbolTable>())
      return WalkResult::skip();
    auto constant = dyn_cast<arith::ConstantOp>(op);
    if (!constant)
      return WalkResult::advance();
    // A splat written as such is a fill, not a weight.
    auto dense = dyn_cast<DenseElementsAttr>(constant.getValue());
    if (dense && dense.isSplat())
      return WalkResult::advance();
    if (std::optional<WeightContent> content =
            getWeightContent(constant.getValue()))
      candidates.push_back({constant, *content});
    return WalkResult::advance();
  });
}

void AttnShareWeights::group() {
  // Groups by hash; hashes that collide are told apart by the exact
  // comparison.
  llvm::DenseMap<uint64_t, SmallVector<unsigned, 1>> byHash;
  for (unsigned index = 0; index < candidates.size(); ++index) {
    const Candidate &candidate = candidates[index];
    SmallVector<unsigned, 1> &bucket = byHash[candidate.content.hash];
    auto same = llvm::find_if(bucket, [&](unsigned g) {
      return candidates[groups[g].members.front()].content == candidate.content;
    });
    if (same != bucket.end()) {
      groups[*same].members.push_back(index);
      continue;
    }
    bucket.push_back(groups.size());
    groups.push_back({{index}, std::nullopt, false});
  }
}

/// Whether every use of `op`'s weight symbol is an attn.weight_ref (so each
/// can be replaced by a transpose of another weight's value).
static bool onlyWeightRefUses(Operation *op, ModuleOp module) {
  if (!isa<WeightOp>(op))
    return true;
  std::optional<SymbolTable::UseRange> uses =
      SymbolTable::getSymbolUses(op, module);
  return uses && llvm::all_of(*uses, [](const SymbolTable::SymbolUse &use) {
           return isa<WeightRefOp>(use.getUser());
         });
}

void AttnShareWeights::findTransposes(ModuleOp module) {
  // A group is matched with an earlier group whose transpose it equals: the
  // earlier groups' transposed hashes are looked up by the later group's
  // hash.
  llvm::DenseMap<uint64_t, SmallVector<unsigned, 1>> byTransposedHash;
  for (unsigned index = 0; index < groups.size(); ++index) {
    Group &g = groups[index];
    const WeightContent &content = candidates[g.members.front()].content;
    if (content.type.getRank() != 2)
      continue;
    auto it = byTransposedHash.find(content.hash);
    if (it != byTransposedHash.end() &&
        llvm::all_of(g.members, [&](unsigned m) {
          return onlyWeightRefUses(candidates[m].op, module);
        })) {
      auto match = llvm::find_if(it->second, [&](unsigned other) {
        return content.isTransposeOf(
            candidates[groups[other].members.front()].content);
      });
      if (match != it->second.end()) {
        g.transposeOf = *match;
        groups[*match].transposed = true;
        continue;
      }
    }
    byTransposedHash[content.transposedHash()].push_back(index);
  }
}

WeightOp AttnShareWeights::keep(ModuleOp module, SymbolTable &symbols,
                                Group &group) {
  Operation *first = candidates[group.members.front()].op;
  if (auto weight = dyn_cast<WeightOp>(first))
    return weight;
  // A group of constants only: the first becomes the weight, named after its
  // blob if it has one.
  auto constant = cast<arith::ConstantOp>(first);
  StringRef name = "shared_weight";
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(constant.getValue()))
    name = resource.getRawHandle().getKey();
  OpBuilder builder = OpBuilder::atBlockBegin(module.getBody());
  auto weight =
      WeightOp::create(builder, constant.getLoc(), builder.getStringAttr(name),
                       cast<ElementsAttr>(constant.getValue()));
  symbols.insert(weight); // renames it if the name is taken
  return weight;
}

/// The value of weight `name` (of type `type`) transposed, built at `op`.
static Value buildTransposed(OpBuilder &builder, Location loc,
                             FlatSymbolRefAttr name, RankedTensorType type) {
  Value value = WeightRefOp::create(builder, loc, type, name);
  Value init = tensor::EmptyOp::create(builder, loc,
                                       {type.getDimSize(1), type.getDimSize(0)},
                                       type.getElementType());
  return linalg::TransposeOp::create(builder, loc, value, init,
                                     ArrayRef<int64_t>{1, 0})
      ->getResult(0);
}

void AttnShareWeights::rewrite(ModuleOp module) {
  SymbolTable symbols(module);
  // The kept weight of each group that keeps one.
  SmallVector<WeightOp> kept(groups.size());
  uint64_t merged = 0, saved = 0;
  for (auto [index, g] : llvm::enumerate(groups)) {
    if (g.members.size() == 1 && !g.transposeOf && !g.transposed)
      continue;
    WeightContent &content = candidates[g.members.front()].content;
    // Members removed from this group, kept weight first if it stays.
    ArrayRef<unsigned> removed = g.members;
    FlatSymbolRefAttr target;
    if (g.transposeOf) {
      target = FlatSymbolRefAttr::get(kept[*g.transposeOf].getSymNameAttr());
    } else {
      kept[index] = keep(module, symbols, g);
      target = FlatSymbolRefAttr::get(kept[index].getSymNameAttr());
      removed = removed.drop_front();
    }
    SmallVector<std::string> names;
    for (unsigned m : g.members) {
      Operation *op = candidates[m].op;
      bool isKept = !g.transposeOf && m == g.members.front();
      if (auto weight = dyn_cast<WeightOp>(op)) {
        if (isKept)
          continue;
        names.push_back(("@" + weight.getSymName()).str());
        if (g.transposeOf) {
          // Every use is an attn.weight_ref (findTransposes checked).
          std::optional<SymbolTable::UseRange> uses =
              SymbolTable::getSymbolUses(weight, module);
          for (const SymbolTable::SymbolUse &use : *uses) {
            auto ref = cast<WeightRefOp>(use.getUser());
            OpBuilder builder(ref);
            ref.replaceAllUsesWith(buildTransposed(
                builder, ref.getLoc(), target, kept[*g.transposeOf].getType()));
            ref.erase();
          }
        } else if (failed(SymbolTable::replaceAllSymbolUses(
                       weight, target.getAttr(), module))) {
          weight.emitError("could not rename the uses of this weight");
          return signalPassFailure();
        }
        weight.erase();
        continue;
      }
      auto constant = cast<arith::ConstantOp>(op);
      if (!isKept)
        names.push_back("a constant");
      OpBuilder builder(constant);
      Value value = g.transposeOf
                        ? buildTransposed(builder, constant.getLoc(), target,
                                          kept[*g.transposeOf].getType())
                        : WeightRefOp::create(builder, constant.getLoc(),
                                              content.type, target)
                              .getResult();
      constant.replaceAllUsesWith(value);
      constant.erase();
    }
    if (removed.empty())
      continue;
    uint64_t bytes = removed.size() * content.sizeInBytes();
    merged += removed.size();
    saved += bytes;
    if (g.transposeOf)
      numTransposed += removed.size();
    Location loc =
        g.transposeOf ? kept[*g.transposeOf].getLoc() : kept[index].getLoc();
    remark::passed(
        loc, remark::RemarkOpts::name("WeightShared").category(getArgument()))
        << remark::add("{0} kept for {1} {2}: {3}", target, removed.size(),
                       g.transposeOf ? "transposed copies" : "copies",
                       llvm::join(names, ", "))
        << remark::metric("BytesSaved", bytes);
  }
  numMerged += merged;
  numBytesSaved += saved;
  if (merged)
    remark::passed(
        module.getLoc(),
        remark::RemarkOpts::name("WeightsShared").category(getArgument()))
        << remark::add("{0} weights merged", merged)
        << remark::metric("BytesSaved", saved);
}

void AttnShareWeights::runOnOperation() {
  ModuleOp module = getOperation();
  candidates.clear();
  groups.clear();
  collect(module);
  group();
  if (transposes)
    findTransposes(module);
  rewrite(module);
  candidates.clear();
  groups.clear();
}
