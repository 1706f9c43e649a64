//===- ShardingInterfaces.cpp - attn ops under the shard dialect ----------===//
//
// Upstream's sharding-propagation and shard-partition see an op through
// shard::ShardingInterface: its loops (parallel or reduction), one indexing
// map per operand and result, and a `partition` method that builds the op one
// rank runs. This file gives attn's attention ops that view:
//
//   attn.sdpa            loops b, h, sq, dv (parallel), skv, d (reduction)
//     Q (b, h, sq, d)  K (b, h, skv, d)  V (b, h, skv, dv)  O (b, h, sq, dv)
//   attn.online_attention  rows, dv (parallel), keys, d (reduction)
//   attn.mha             b, sq, n (parallel), hd, m, skv, mkv (reduction)
//     x (b, sq, m)  Wq (m, hd)  Wk/Wv (m or mkv, hd)  Wo (hd, n)  Y (b, sq, n)
//
// K and V index their heads with the query-head loop: a contiguous block of
// Hq/N query heads reads exactly the contiguous block of Hkv/N key/value
// heads (query head i reads ⌊i / G⌋), so splitting both head dims the same way
// keeps every GQA group on one rank. With one key/value head (MQA) K and V
// are replicated instead. A dim that broadcasts (a mask's static 1, MQA's one
// head) indexes a loop of its own that nothing splits: upstream's propagation
// accepts only dims, not constants, in an operand's map.
//
// What the softmax forbids is refused in `partition`, where the final
// shardings are known, with a located error: the keys (skv) and the head dim
// (d) are reductions through or before the softmax, not sums; a causal
// attn.sdpa's query rows would each need a rank-dependent offset. attn.mha's
// head columns (hd) are a true sum: each rank computes its heads' share of
// the output projection and one shard.all_reduce adds them (the output bias
// is added once, after it).
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/ShardingInterfaces.h"

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/Dialect/Shard/Interfaces/ShardingInterface.h"
#include "mlir/Dialect/Shard/Interfaces/ShardingInterfaceImpl.h"
#include "mlir/Dialect/Shard/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

using namespace mlir;
using namespace mlir::attn;
using shard::GridAxis;
using shard::ReductionKind;
using shard::Sharding;
using utils::IteratorType;

namespace {

//===----------------------------------------------------------------------===//
// The loop view
//===----------------------------------------------------------------------===//

/// An op's loops and, for every operand and result in order, the loop each
/// of its dims indexes.
struct LoopView {
  SmallVector<IteratorType> types;
  SmallVector<SmallVector<unsigned>> dims;

  /// A parallel loop of its own, for a dim that broadcasts.
  unsigned broadcast() {
    types.push_back(IteratorType::parallel);
    return types.size() - 1;
  }
  void add(ArrayRef<unsigned> operandDims) { dims.emplace_back(operandDims); }
  /// A mask lined up on the right with scores indexed by `scoreLoops`.
  void addMask(RankedTensorType mask, ArrayRef<unsigned> scoreLoops) {
    SmallVector<unsigned> maskDims;
    for (int64_t i = 0; i < mask.getRank(); ++i)
      maskDims.push_back(
          maskDimBroadcasts(mask, i)
              ? broadcast()
              : scoreLoops[maskScoreDim(mask, i, scoreLoops.size())]);
    add(maskDims);
  }
  SmallVector<AffineMap> maps(MLIRContext *ctx) const {
    SmallVector<AffineMap> res;
    for (ArrayRef<unsigned> d : dims) {
      SmallVector<AffineExpr> exprs;
      for (unsigned loop : d)
        exprs.push_back(getAffineDimExpr(loop, ctx));
      res.push_back(AffineMap::get(types.size(), 0, exprs, ctx));
    }
    return res;
  }
};

namespace sdpa_loop {
enum : unsigned { kBatch, kHeads, kQuery, kValueDim, kKeys, kHeadDim };
} // namespace sdpa_loop

LoopView getSdpaView(SdpaOp op) {
  using namespace sdpa_loop;
  LoopView v;
  v.types = {IteratorType::parallel,  IteratorType::parallel,
             IteratorType::parallel,  IteratorType::parallel,
             IteratorType::reduction, IteratorType::reduction};
  SdpaDims dims = SdpaDims::get(op);
  bool mqa = dims.kvHeads == 1 && dims.queryHeads != 1;
  unsigned kvHeads = mqa ? v.broadcast() : kHeads;
  v.add({kBatch, kHeads, kQuery, kHeadDim});
  v.add({kBatch, kvHeads, kKeys, kHeadDim});
  v.add({kBatch, kvHeads, kKeys, kValueDim});
  if (Value mask = op.getMask())
    v.addMask(cast<RankedTensorType>(mask.getType()),
              {kBatch, kHeads, kQuery, kKeys});
  v.add({kBatch, kHeads, kQuery, kValueDim});
  return v;
}

namespace online_loop {
enum : unsigned { kRows, kValueDim, kKeys, kHeadDim };
} // namespace online_loop

LoopView getOnlineAttentionView(OnlineAttentionOp op) {
  using namespace online_loop;
  LoopView v;
  v.types = {IteratorType::parallel, IteratorType::parallel,
             IteratorType::reduction, IteratorType::reduction};
  v.add({kRows, kHeadDim});
  v.add(keyLayout<unsigned>(op.getKeyTransposed(), kKeys, kHeadDim));
  v.add({kKeys, kValueDim});
  if (Value mask = op.getMask())
    v.addMask(cast<RankedTensorType>(mask.getType()), {kRows, kKeys});
  v.add({kRows, kValueDim}); // acc
  v.add({kRows});            // max
  v.add({kRows});            // sum
  if (op.getCausalShift())
    v.add({}); // an index
  v.add({kRows, kValueDim});
  v.add({kRows});
  v.add({kRows});
  return v;
}

namespace mha_loop {
enum : unsigned { kBatch, kQuery, kOut, kHeadCols, kModel, kKeys, kKvModel };
} // namespace mha_loop

LoopView getMhaView(MhaOp op) {
  using namespace mha_loop;
  LoopView v;
  v.types = {IteratorType::parallel,  IteratorType::parallel,
             IteratorType::parallel,  IteratorType::reduction,
             IteratorType::reduction, IteratorType::reduction,
             IteratorType::reduction};
  bool mqa = op.getNumKvHeads() == 1 && op.getNumHeads() != 1;
  unsigned kvCols = mqa ? v.broadcast() : kHeadCols;
  unsigned kvRows = op.isCrossAttention() ? kKvModel : kModel;
  v.add({kBatch, kQuery, kModel});
  if (op.getKvInput())
    v.add({kBatch, kKeys, kKvModel});
  v.add({kModel, kHeadCols});
  v.add({kvRows, kvCols});
  v.add({kvRows, kvCols});
  v.add({kHeadCols, kOut});
  if (op.getBq())
    v.add({kHeadCols});
  if (op.getBk())
    v.add({kvCols});
  if (op.getBv())
    v.add({kvCols});
  if (op.getBo())
    v.add({kOut});
  // The mask's head dim counts query heads; splitting the head columns into
  // whole heads splits it the same way.
  if (Value mask = op.getMask())
    v.addMask(cast<RankedTensorType>(mask.getType()),
              {kBatch, kHeadCols, kQuery, kKeys});
  v.add({kBatch, kQuery, kOut});
  return v;
}

//===----------------------------------------------------------------------===//
// Checks shared by the partitions
//===----------------------------------------------------------------------===//

/// The grid the shardings name, and the grid axes each loop is split over.
struct LoopSplits {
  shard::GridOp grid;
  shard::ShardingArray axes;

  bool isSplit(unsigned loop) const {
    return loop < axes.size() && !axes[loop].empty();
  }
  int64_t count(unsigned loop) const {
    return isSplit(loop) ? shard::collectiveProcessGroupSize(axes[loop], grid)
                         : 1;
  }
};

FailureOr<LoopSplits> getLoopSplits(Operation *op, const LoopView &view,
                                    ArrayRef<Sharding> operandShardings,
                                    ArrayRef<Sharding> resultShardings,
                                    SymbolTableCollection &symbolTable) {
  LoopSplits splits;
  for (ArrayRef<Sharding> shardings : {operandShardings, resultShardings})
    for (const Sharding &s : shardings)
      if (s && !splits.grid)
        splits.grid = shard::getGridOrNull(op, s.getGridAttr(), symbolTable);
  if (!splits.grid)
    return op->emitOpError("has no shard.grid to partition over");
  splits.axes = shard::getGridAxisAssignmentForLoopIterators(
      operandShardings, resultShardings, view.types,
      view.maps(op->getContext()));
  return splits;
}

std::string axesString(ArrayRef<GridAxis> axes) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << "[";
  llvm::interleaveComma(axes, os);
  os << "]";
  return s;
}

/// Every split dim of every operand and result must be static and divide
/// evenly (upstream computes a shard's size as size / count).
LogicalResult checkEvenSplits(Operation *op, shard::GridOp grid,
                              ArrayRef<Sharding> operandShardings,
                              ArrayRef<Sharding> resultShardings) {
  auto check = [&](Value value, const Sharding &sharding, StringRef what,
                   unsigned number) -> LogicalResult {
    auto type = dyn_cast<RankedTensorType>(value.getType());
    if (!type || !sharding)
      return success();
    for (auto [dim, axes] : llvm::enumerate(sharding.getSplitAxes())) {
      if (axes.empty())
        continue;
      int64_t count =
          shard::collectiveProcessGroupSize(axes.asArrayRef(), grid);
      int64_t size = type.getDimSize(dim);
      if (ShapedType::isDynamic(size) || ShapedType::isDynamic(count))
        return op->emitOpError()
               << what << " #" << number << " dim " << dim
               << " is split over grid axes " << axesString(axes.asArrayRef())
               << " but its size or the grid's is dynamic: the size of a "
                  "shard must be known";
      if (size % count != 0)
        return op->emitOpError()
               << what << " #" << number << " dim " << dim << " of size "
               << size << " does not split evenly over " << count
               << " ranks (grid axes " << axesString(axes.asArrayRef()) << ")";
    }
    return success();
  };
  for (auto [i, value] : llvm::enumerate(op->getOperands()))
    if (failed(check(value, operandShardings[i], "operand", i)))
      return failure();
  for (auto [i, value] : llvm::enumerate(op->getResults()))
    if (failed(check(value, resultShardings[i], "result", i)))
      return failure();
  return success();
}

/// Query and key/value heads split over `count` ranks: each rank must get
/// whole GQA groups (Hq and Hkv both divisible; Hkv = 1 is replicated).
LogicalResult checkHeadSplit(Operation *op, int64_t queryHeads, int64_t kvHeads,
                             int64_t count) {
  bool mqa = kvHeads == 1 && queryHeads != 1;
  if (ShapedType::isDynamic(queryHeads) || ShapedType::isDynamic(kvHeads) ||
      ShapedType::isDynamic(count))
    return op->emitOpError("cannot split dynamic head counts over ranks");
  if (queryHeads % count != 0 || (!mqa && kvHeads % count != 0))
    return op->emitOpError()
           << "cannot split " << queryHeads << " query heads and " << kvHeads
           << " key/value heads over " << count
           << " ranks: each rank must get whole groups of "
           << (kvHeads ? queryHeads / kvHeads : 0)
           << " query heads with their key/value head (both counts must be "
              "multiples of the rank count, or one key/value head)";
  return success();
}

/// Clones `op` onto `operands` with result types from `resultShardings`.
Operation *cloneOnShards(Operation *op, ValueRange operands,
                         ArrayRef<Sharding> resultShardings, shard::GridOp grid,
                         OpBuilder &builder) {
  IRMapping mapping;
  mapping.map(op->getOperands(), operands);
  Operation *clone = builder.clone(*op, mapping);
  for (auto [result, sharding] :
       llvm::zip_equal(clone->getResults(), resultShardings))
    result.setType(shard::shardType(result.getType(), grid, sharding));
  return clone;
}

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

struct SdpaShardingModel
    : public shard::ShardingInterface::ExternalModel<SdpaShardingModel,
                                                     SdpaOp> {
  SmallVector<IteratorType> getLoopIteratorTypes(Operation *op) const {
    return getSdpaView(cast<SdpaOp>(op)).types;
  }
  SmallVector<ReductionKind> getReductionLoopIteratorKinds(Operation *) const {
    // The keys reduce through the softmax (no collective finishes them); the
    // head dim is a sum inside each score.
    return {ReductionKind::Generic, ReductionKind::Sum};
  }
  SmallVector<AffineMap> getIndexingMaps(Operation *op) const {
    return getSdpaView(cast<SdpaOp>(op)).maps(op->getContext());
  }

  LogicalResult partition(Operation *op, ArrayRef<Value> partitionedOperands,
                          ArrayRef<Sharding> operandShardings,
                          ArrayRef<Sharding> resultShardings,
                          IRMapping &partitionMap,
                          SymbolTableCollection &symbolTable,
                          OpBuilder &builder) const {
    using namespace sdpa_loop;
    auto sdpa = cast<SdpaOp>(op);
    LoopView view = getSdpaView(sdpa);
    FailureOr<LoopSplits> splits =
        getLoopSplits(op, view, operandShardings, resultShardings, symbolTable);
    if (failed(splits))
      return failure();
    if (splits->isSplit(kKeys))
      return op->emitOpError()
             << "cannot be partitioned over the key/value sequence (grid "
                "axes "
             << axesString(splits->axes[kKeys])
             << "): the softmax of a query row needs every key; split "
                "batch, heads or (non-causal) query rows instead (ring "
                "attention over the keys is not implemented)";
    if (splits->isSplit(kHeadDim))
      return op->emitOpError()
             << "cannot be partitioned over the head dim D (grid axes "
             << axesString(splits->axes[kHeadDim])
             << "): each score is a sum over D that the softmax needs whole";
    if (splits->isSplit(kQuery) && sdpa.getCausal())
      return op->emitOpError()
             << "cannot partition a causal attn.sdpa over its query rows "
                "(grid axes "
             << axesString(splits->axes[kQuery])
             << "): each rank's rows would need their own causal offset";
    if (splits->isSplit(kHeads)) {
      SdpaDims dims = SdpaDims::get(sdpa);
      if (failed(checkHeadSplit(op, dims.queryHeads, dims.kvHeads,
                                splits->count(kHeads))))
        return failure();
    }
    if (failed(checkEvenSplits(op, splits->grid, operandShardings,
                               resultShardings)))
      return failure();
    Operation *local = cloneOnShards(op, partitionedOperands, resultShardings,
                                     splits->grid, builder);
    partitionMap.map(op->getResults(), local->getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// attn.online_attention
//===----------------------------------------------------------------------===//

struct OnlineAttentionShardingModel
    : public shard::ShardingInterface::ExternalModel<
          OnlineAttentionShardingModel, OnlineAttentionOp> {
  SmallVector<IteratorType> getLoopIteratorTypes(Operation *op) const {
    return getOnlineAttentionView(cast<OnlineAttentionOp>(op)).types;
  }
  SmallVector<ReductionKind> getReductionLoopIteratorKinds(Operation *) const {
    return {ReductionKind::Generic, ReductionKind::Sum};
  }
  SmallVector<AffineMap> getIndexingMaps(Operation *op) const {
    return getOnlineAttentionView(cast<OnlineAttentionOp>(op))
        .maps(op->getContext());
  }

  LogicalResult partition(Operation *op, ArrayRef<Value> partitionedOperands,
                          ArrayRef<Sharding> operandShardings,
                          ArrayRef<Sharding> resultShardings,
                          IRMapping &partitionMap,
                          SymbolTableCollection &symbolTable,
                          OpBuilder &builder) const {
    using namespace online_loop;
    auto step = cast<OnlineAttentionOp>(op);
    LoopView view = getOnlineAttentionView(step);
    FailureOr<LoopSplits> splits =
        getLoopSplits(op, view, operandShardings, resultShardings, symbolTable);
    if (failed(splits))
      return failure();
    if (splits->isSplit(kKeys))
      return op->emitOpError()
             << "cannot be partitioned over its keys (grid axes "
             << axesString(splits->axes[kKeys])
             << "): the online-softmax state (acc, max, sum) is carried "
                "from key to key, not summed";
    if (splits->isSplit(kHeadDim))
      return op->emitOpError()
             << "cannot be partitioned over the head dim D (grid axes "
             << axesString(splits->axes[kHeadDim])
             << "): each score is a sum over D that the softmax needs whole";
    if (failed(checkEvenSplits(op, splits->grid, operandShardings,
                               resultShardings)))
      return failure();
    SmallVector<Value> operands(partitionedOperands);
    // A rank's rows start `rank · rows` further down the block: its causal
    // shift (rowStart + offset − keyStart) grows by as much.
    if (step.getCausalShift() && splits->isSplit(kRows)) {
      ImplicitLocOpBuilder b(op->getLoc(), builder);
      Value rank = shard::createProcessLinearIndex(splits->grid.getSymName(),
                                                   splits->axes[kRows], b);
      Value rows = tensor::DimOp::create(b, operands[0], online_dim::kRows);
      Value shiftBy = arith::MulIOp::create(b, rank, rows);
      // causal_shift is the last operand.
      operands.back() = arith::AddIOp::create(b, operands.back(), shiftBy);
    }
    Operation *local =
        cloneOnShards(op, operands, resultShardings, splits->grid, builder);
    partitionMap.map(op->getResults(), local->getResults());
    return success();
  }
};

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

/// x + bias along the last dim (B×S×N + N).
Value addOutputBias(OpBuilder &b, Location loc, Value x, Value bias) {
  auto type = cast<RankedTensorType>(x.getType());
  MLIRContext *ctx = b.getContext();
  AffineMap all = AffineMap::getMultiDimIdentityMap(3, ctx);
  AffineMap last = AffineMap::get(3, 0, {getAffineDimExpr(2, ctx)}, ctx);
  Value init = tensor::EmptyOp::create(b, loc, tensor::getMixedSizes(b, loc, x),
                                       type.getElementType());
  SmallVector<IteratorType> parallel(3, IteratorType::parallel);
  return linalg::GenericOp::create(
             b, loc, type, ValueRange{x, bias}, ValueRange{init},
             ArrayRef<AffineMap>{all, last, all}, parallel,
             [](OpBuilder &nb, Location nloc, ValueRange args) {
               Value sum = arith::AddFOp::create(nb, nloc, args[0], args[1]);
               linalg::YieldOp::create(nb, nloc, sum);
             })
      .getResult(0);
}

struct MhaShardingModel
    : public shard::ShardingInterface::ExternalModel<MhaShardingModel, MhaOp> {
  SmallVector<IteratorType> getLoopIteratorTypes(Operation *op) const {
    return getMhaView(cast<MhaOp>(op)).types;
  }
  SmallVector<ReductionKind> getReductionLoopIteratorKinds(Operation *) const {
    // Head columns and model dims are sums; the keys reduce through the
    // softmax.
    return {ReductionKind::Sum, ReductionKind::Sum, ReductionKind::Generic,
            ReductionKind::Sum};
  }
  SmallVector<AffineMap> getIndexingMaps(Operation *op) const {
    return getMhaView(cast<MhaOp>(op)).maps(op->getContext());
  }

  LogicalResult partition(Operation *op, ArrayRef<Value> partitionedOperands,
                          ArrayRef<Sharding> operandShardings,
                          ArrayRef<Sharding> resultShardings,
                          IRMapping &partitionMap,
                          SymbolTableCollection &symbolTable,
                          OpBuilder &builder) const {
    using namespace mha_loop;
    auto mha = cast<MhaOp>(op);
    LoopView view = getMhaView(mha);
    FailureOr<LoopSplits> splits =
        getLoopSplits(op, view, operandShardings, resultShardings, symbolTable);
    if (failed(splits))
      return failure();
    for (unsigned loop : {kModel, kKvModel})
      if (splits->isSplit(loop))
        return op->emitOpError()
               << "cannot be partitioned over the model dim of its input "
                  "(grid axes "
               << axesString(splits->axes[loop])
               << "): split Wq/Wk/Wv by head columns and Wo by rows instead";
    if (splits->isSplit(kKeys))
      return op->emitOpError()
             << "cannot be partitioned over the key/value sequence (grid "
                "axes "
             << axesString(splits->axes[kKeys])
             << "): the softmax of a query row needs every key (ring "
                "attention is not implemented)";
    if (splits->isSplit(kQuery) && (!mha.isCrossAttention() || mha.getCausal()))
      return op->emitOpError()
             << "cannot partition "
             << (mha.getCausal() ? "a causal" : "a self-attention")
             << " attn.mha over its query rows (grid axes "
             << axesString(splits->axes[kQuery]) << "): "
             << (mha.getCausal()
                     ? "each rank's rows would need their own causal offset"
                     : "the input's rows are also the keys, which the "
                       "softmax needs whole");
    bool headsSplit = splits->isSplit(kHeadCols);
    if (headsSplit &&
        failed(checkHeadSplit(op, mha.getNumHeads(), mha.getNumKvHeads(),
                              splits->count(kHeadCols))))
      return failure();
    if (failed(checkEvenSplits(op, splits->grid, operandShardings,
                               resultShardings)))
      return failure();

    if (!headsSplit) {
      Operation *local = cloneOnShards(op, partitionedOperands, resultShardings,
                                       splits->grid, builder);
      partitionMap.map(op->getResults(), local->getResults());
      return success();
    }

    // Each rank runs its own heads (Megatron-style): its share of the output
    // projection is a partial sum that one all-reduce completes. The output
    // bias would be added once per rank, so it is added after the sum.
    int64_t count = splits->count(kHeadCols);
    auto local = cast<MhaOp>(cloneOnShards(
        op, partitionedOperands, resultShardings, splits->grid, builder));
    local.setNumHeads(mha.getNumHeads() / count);
    if (mha.getNumKvHeads() != 1 || mha.getNumHeads() == 1)
      local.setNumKvHeads(mha.getNumKvHeads() / count);
    Value bias;
    if (mha.getBo()) {
      bias = local.getBo();
      local.getBoMutable().clear();
    }
    Value sum = shard::AllReduceOp::create(
        builder, op->getLoc(), local.getResult(), splits->grid.getSymName(),
        splits->axes[kHeadCols], ReductionKind::Sum);
    if (bias)
      sum = addOutputBias(builder, op->getLoc(), sum, bias);
    partitionMap.map(op->getResult(0), sum);
    return success();
  }
};

} // namespace

void mlir::attn::registerShardingInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AttnDialect *) {
    // The partitions build shard collectives, process indices and the bias
    // addition.
    ctx->loadDialect<arith::ArithDialect, linalg::LinalgDialect,
                     shard::ShardDialect, tensor::TensorDialect>();
    SdpaOp::attachInterface<SdpaShardingModel>(*ctx);
    OnlineAttentionOp::attachInterface<OnlineAttentionShardingModel>(*ctx);
    MhaOp::attachInterface<MhaShardingModel>(*ctx);
  });
}
