//===- SliceWeights.cpp - an attn.mha without the dropped heads -----------===//
//
// The kept heads' blocks of every per-head operand: columns of Wq, bq (query
// heads) and Wk, Wv, bk, bv (KV heads), rows of Wo, and the head dim of a
// mask that has one. Constants are sliced at compile time into new
// constants, so the pruned model carries smaller weights; any other value is
// sliced in the IR (a parametric graph, whose weights arrive as arguments).
//
//===----------------------------------------------------------------------===//

#include "PruneHeads.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectResourceBlobManager.h"

#include <tuple>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::prune;

namespace {
/// A run of consecutive kept blocks.
struct Run {
  int64_t first, count;
};

/// Which blocks of which dim of an operand are kept.
struct Slicing {
  int64_t dim;
  int64_t blockSize;
  ArrayRef<int64_t> kept;
  /// The blocks there are (heads or KV heads).
  int64_t blocks;

  bool keepsAll() const { return static_cast<int64_t>(kept.size()) == blocks; }
};
} // namespace

static SmallVector<Run> runsOf(ArrayRef<int64_t> kept) {
  SmallVector<Run> runs;
  for (int64_t block : kept) {
    if (!runs.empty() && runs.back().first + runs.back().count == block)
      ++runs.back().count;
    else
      runs.push_back({block, 1});
  }
  return runs;
}

static RankedTensorType slicedType(RankedTensorType type, const Slicing &s) {
  SmallVector<int64_t> shape(type.getShape());
  shape[s.dim] = static_cast<int64_t>(s.kept.size()) * s.blockSize;
  return RankedTensorType::get(shape, type.getElementType());
}

/// The kept blocks' elements of a constant, row-major.
static std::vector<char> sliceBytes(const ConstantWeight &w, const Slicing &s) {
  ArrayRef<int64_t> shape = w.content.type.getShape();
  int64_t outer = 1, inner = w.content.elementBytes;
  for (int64_t d = 0; d < s.dim; ++d)
    outer *= shape[d];
  for (int64_t d = s.dim + 1; d < static_cast<int64_t>(shape.size()); ++d)
    inner *= shape[d];
  int64_t size = shape[s.dim];
  std::vector<char> out;
  out.reserve(outer * s.kept.size() * s.blockSize * inner);
  auto copy = [&](int64_t offset, int64_t bytes) {
    if (!w.content.splat) {
      const char *p = w.content.bytes.data() + offset;
      out.insert(out.end(), p, p + bytes);
      return;
    }
    for (int64_t i = 0; i < bytes; i += w.content.elementBytes)
      out.insert(out.end(), w.content.bytes.begin(), w.content.bytes.end());
  };
  for (int64_t o = 0; o < outer; ++o)
    for (Run run : runsOf(s.kept))
      copy((o * size + run.first * s.blockSize) * inner,
           run.count * s.blockSize * inner);
  return out;
}

/// The sliced constant's attribute, held as the original is: a
/// dense_resource blob (named after the original's) or a dense<...>.
static ElementsAttr slicedAttr(const ConstantWeight &w, RankedTensorType type,
                               ArrayRef<char> bytes) {
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(w.value)) {
    std::string name = (resource.getRawHandle().getKey() + "_pruned").str();
    return DenseResourceElementsAttr::get(
        type, name,
        HeapAsmResourceBlob::allocateAndCopyWithAlign(bytes, alignof(double)));
  }
  if (w.content.splat)
    bytes = bytes.take_front(w.content.elementBytes);
  return cast<ElementsAttr>(DenseElementsAttr::getFromRawBuffer(type, bytes));
}

/// A new constant holding the kept blocks of `w`, next to it.
static Value sliceConstant(ConstantWeight w, const Slicing &s,
                           SymbolTableCollection &symbolTables) {
  RankedTensorType type = slicedType(w.content.type, s);
  std::vector<char> bytes = sliceBytes(w, s);
  ElementsAttr attr = slicedAttr(w, type, bytes);
  OpBuilder b(w.producer);
  b.setInsertionPointAfter(w.producer);
  if (!w.weight)
    return arith::ConstantOp::create(b, w.producer->getLoc(),
                                     cast<TypedAttr>(attr));
  OpBuilder mb(w.weight);
  mb.setInsertionPointAfter(w.weight);
  auto weight = WeightOp::create(
      mb, w.weight.getLoc(),
      mb.getStringAttr(w.weight.getSymName() + ".pruned"), attr);
  // Renames the new weight if `<name>.pruned` is taken (another layer that
  // shared the original and was pruned too).
  symbolTables.getSymbolTable(w.weight->getParentOp()).insert(weight);
  return WeightRefOp::create(b, w.producer->getLoc(), type,
                             FlatSymbolRefAttr::get(weight.getSymNameAttr()));
}

/// The kept blocks of a value that is not a constant: one extract_slice per
/// run, joined by a concat when there are several.
static Value sliceValue(OpBuilder &b, Location loc, Value v, const Slicing &s) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < type.getRank(); ++d)
    sizes.push_back(d == s.dim ? OpFoldResult(b.getIndexAttr(0))
                               : tensor::getMixedSize(b, loc, v, d));
  SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0));
  SmallVector<OpFoldResult> strides(type.getRank(), b.getIndexAttr(1));
  SmallVector<Value> pieces;
  for (Run run : runsOf(s.kept)) {
    offsets[s.dim] = b.getIndexAttr(run.first * s.blockSize);
    sizes[s.dim] = b.getIndexAttr(run.count * s.blockSize);
    pieces.push_back(
        tensor::ExtractSliceOp::create(b, loc, v, offsets, sizes, strides));
  }
  if (pieces.size() == 1)
    return pieces.front();
  return tensor::ConcatOp::create(b, loc, s.dim, pieces);
}

void prune::pruneLayer(MhaOp op, const HeadPlan &plan,
                       SymbolTableCollection &symbolTables,
                       llvm::SetVector<WeightOp> &oldWeights) {
  int64_t dh = op.getHeadDim(), hq = op.getNumHeads(), hkv = op.getNumKvHeads();
  Slicing qCols{1, dh, plan.keptHeads, hq},
      kvCols{1, dh, plan.keptKvHeads, hkv}, oRows{0, dh, plan.keptHeads, hq},
      qBias{0, dh, plan.keptHeads, hq}, kvBias{0, dh, plan.keptKvHeads, hkv};
  SmallVector<std::pair<OpOperand *, Slicing>> operands = {
      {&op.getWqMutable(), qCols},
      {&op.getWkMutable(), kvCols},
      {&op.getWvMutable(), kvCols},
      {&op.getWoMutable(), oRows}};
  auto optional = [&](MutableOperandRange range, const Slicing &s) {
    if (!range.empty())
      operands.push_back({&range[0], s});
  };
  optional(op.getBqMutable(), qBias);
  optional(op.getBkMutable(), kvBias);
  optional(op.getBvMutable(), kvBias);
  // A mask's head dim lines up with the scores' (B×Hq×Sq×Skv, aligned on
  // the right); a static 1 broadcasts over the heads and stays.
  if (Value mask = op.getMask()) {
    auto type = cast<RankedTensorType>(mask.getType());
    int64_t headDim = type.getRank() - 3;
    if (headDim >= 0 && type.getDimSize(headDim) != 1)
      optional(op.getMaskMutable(), Slicing{headDim, 1, plan.keptHeads, hq});
  }

  // One slice per value and slicing: tied operands (Wk = Wv, or one value
  // for every weight) stay tied.
  SmallVector<std::tuple<Value, Slicing, Value>> done;
  OpBuilder b(op);
  for (auto &entry : operands) {
    OpOperand *operand = entry.first;
    const Slicing &slicing = entry.second;
    // Per-group pruning keeps every KV head: Wk, Wv stay as they are.
    if (slicing.keepsAll())
      continue;
    Value old = operand->get();
    const auto *same = llvm::find_if(done, [&](const auto &entry) {
      const Slicing &other = std::get<1>(entry);
      return std::get<0>(entry) == old && other.dim == slicing.dim &&
             other.blockSize == slicing.blockSize && other.kept == slicing.kept;
    });
    Value sliced;
    if (same != done.end()) {
      sliced = std::get<2>(*same);
    } else {
      if (std::optional<ConstantWeight> w = getConstantWeight(old))
        sliced = sliceConstant(*w, slicing, symbolTables);
      else
        sliced = sliceValue(b, op.getLoc(), old, slicing);
      done.push_back({old, slicing, sliced});
    }
    operand->set(sliced);
    Operation *producer = old.getDefiningOp();
    if (!producer || !producer->use_empty() ||
        !isa<WeightRefOp, arith::ConstantOp>(producer))
      continue;
    if (auto ref = dyn_cast<WeightRefOp>(producer))
      if (auto weight = SymbolTable::lookupNearestSymbolFrom<WeightOp>(
              ref, ref.getWeightAttr()))
        oldWeights.insert(weight);
    producer->erase();
  }

  op.setNumHeads(plan.keptHeads.size());
  op.setNumKvHeads(plan.keptKvHeads.size());
  if (auto scores = op->getAttrOfType<DenseF64ArrayAttr>(kHeadScoresAttr)) {
    SmallVector<double> kept;
    for (int64_t h : plan.keptHeads)
      kept.push_back(scores[h]);
    op->setAttr(kHeadScoresAttr, DenseF64ArrayAttr::get(op.getContext(), kept));
  }
}

void prune::eraseUnusedWeights(ArrayRef<WeightOp> oldWeights,
                               SymbolTableCollection &symbolTables) {
  for (WeightOp weight : oldWeights) {
    Operation *table = weight->getParentOp();
    if (!SymbolTable::symbolKnownUseEmpty(weight, table))
      continue;
    symbolTables.getSymbolTable(table).erase(weight);
  }
}

PruneCounts prune::countRemoved(MhaOp op, const HeadPlan &plan) {
  int64_t dh = op.getHeadDim();
  int64_t droppedQ = op.getNumHeads() - plan.keptHeads.size();
  int64_t droppedKv = op.getNumKvHeads() - plan.keptKvHeads.size();
  auto dim = [](Value v, unsigned d) {
    return cast<RankedTensorType>(v.getType()).getDimSize(d);
  };
  auto known = [](std::initializer_list<int64_t> sizes) {
    return llvm::none_of(sizes, ShapedType::isDynamic);
  };
  Value x = op.getInput(), kv = op.getKeyValueSource();
  int64_t m = dim(x, 2), mkv = dim(kv, 2), n = dim(op.getResult(), 2);
  PruneCounts counts;
  if (known({m, mkv, n})) {
    int64_t perQ = m * dh + dh * n + (op.getBq() ? dh : 0);
    int64_t perKv =
        2 * mkv * dh + (op.getBk() ? dh : 0) + (op.getBv() ? dh : 0);
    counts.params = droppedQ * perQ + droppedKv * perKv;
  }
  int64_t batch = dim(x, 0), sq = dim(x, 1), skv = dim(kv, 1);
  if (known({m, mkv, n, batch, sq, skv})) {
    // Multiply-adds count 2 FLOPs: the head's Q projection, Q·Kᵀ and P·V,
    // its share of the output projection; K and V projections per KV head.
    int64_t perQ = 2 * batch * sq * dh * (m + 2 * skv + n);
    int64_t perKv = 4 * batch * skv * mkv * dh;
    counts.flops = droppedQ * perQ + droppedKv * perKv;
  }
  return counts;
}
