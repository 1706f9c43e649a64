//===- ShardToMPI.cpp - attn-shard-to-mpi
//----------------------------------===//
//
// Upstream's all_slice lowering, attn's all-reduce over a whole grid, then
// upstream's convert-shard-to-mpi, then a check that nothing of the shard
// dialect but its grids is left (upstream's conversion reports an op it
// cannot convert yet succeeds).
//
// Upstream lowers every all_reduce to an MPI_Comm_split of MPI_COMM_WORLD
// followed by MPI_Allreduce on the new communicator, and never frees it: a
// process calling the compiled function ~2,000 times exhausts MPICH's
// communicators ("Too many communicators (0/2048 free)") and aborts, and each
// call pays the split's own collective. An all_reduce over every axis of its
// grid needs no split: when the program runs on as many ranks as the grid
// has (which the partitioned program assumes anyway: upstream's split gives
// a wrong sum on any other count too), its group is MPI_COMM_WORLD in rank
// order, so attn reduces on MPI_COMM_WORLD directly.
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/Passes.h"

#include "mlir/Conversion/ShardToMPI/ShardToMPI.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/Dialect/Shard/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SmallBitVector.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSHARDTOMPI
#include "attn/Distributed/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

std::optional<mpi::MPI_ReductionOpEnum>
getMPIReduction(shard::ReductionKind kind) {
  switch (kind) {
  case shard::ReductionKind::Sum:
    return mpi::MPI_ReductionOpEnum::MPI_SUM;
  case shard::ReductionKind::Product:
    return mpi::MPI_ReductionOpEnum::MPI_PROD;
  case shard::ReductionKind::Min:
    return mpi::MPI_ReductionOpEnum::MPI_MIN;
  case shard::ReductionKind::Max:
    return mpi::MPI_ReductionOpEnum::MPI_MAX;
  default:
    return std::nullopt;
  }
}

/// shard.all_reduce over all axes of a static grid, on a static tensor of
/// the result's type, as an in-place MPI_Allreduce on MPI_COMM_WORLD of a
/// copy of the input (on a grid of one rank, the input itself). Anything
/// else is left to upstream's conversion.
struct WholeGridAllReduce : public OpRewritePattern<shard::AllReduceOp> {
  WholeGridAllReduce(MLIRContext *ctx, SymbolTableCollection &symbolTables)
      : OpRewritePattern(ctx, /*benefit=*/2), symbolTables(symbolTables) {}

  LogicalResult matchAndRewrite(shard::AllReduceOp op,
                                PatternRewriter &rewriter) const override {
    auto type = dyn_cast<RankedTensorType>(op.getInput().getType());
    if (!type || !type.hasStaticShape() || op.getResult().getType() != type)
      return rewriter.notifyMatchFailure(op, "not a static tensor in place");
    std::optional<mpi::MPI_ReductionOpEnum> reduction =
        getMPIReduction(op.getReduction());
    if (!reduction)
      return rewriter.notifyMatchFailure(op, "reduction without an MPI op");
    shard::GridOp grid =
        shard::getGridOrNull(op, op.getGridAttr(), symbolTables);
    if (!grid || !grid.getShapeAttr() ||
        llvm::any_of(grid.getShape(), ShapedType::isDynamic))
      return rewriter.notifyMatchFailure(op, "dynamic or unknown grid");
    llvm::SmallBitVector axes(grid.getRank());
    for (int16_t axis : op.getGridAxes())
      axes.set(axis);
    if (!axes.all())
      return rewriter.notifyMatchFailure(op, "a sub-group of the grid");
    // On one rank the reduction is its input.
    if (grid.getShape().empty() ||
        llvm::all_of(grid.getShape(), [](int64_t size) { return size == 1; })) {
      rewriter.replaceOp(op, op.getInput());
      return success();
    }

    Location loc = op.getLoc();
    auto memrefType = MemRefType::get(type.getShape(), type.getElementType());
    Value input = bufferization::ToBufferOp::create(
        rewriter, loc, memrefType, op.getInput(), /*readOnly=*/true);
    Value buffer = memref::AllocOp::create(rewriter, loc, memrefType);
    linalg::CopyOp::create(rewriter, loc, input, buffer);
    Value world = mpi::CommWorldOp::create(
        rewriter, loc, mpi::CommType::get(rewriter.getContext()));
    // MPI_COMM_WORLD is the grid's group only on as many ranks as the grid
    // has: on any other count the sum would silently be wrong, so the call
    // fails its runtime check instead (attn-runtime-checks-to-status turns
    // it into the function's error status).
    int64_t ranks = 1;
    for (int64_t size : grid.getShape())
      ranks *= size;
    Value size = mpi::CommSizeOp::create(rewriter, loc, Type(),
                                         rewriter.getI32Type(), world)
                     .getSize();
    Value expected = arith::ConstantIntOp::create(rewriter, loc, ranks, 32);
    Value same = arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq,
                                       size, expected);
    cf::AssertOp::create(
        rewriter, loc, same,
        "shard.all_reduce: the program was partitioned for " +
            std::to_string(ranks) + " ranks (grid @" + grid.getSymName().str() +
            ") but MPI_COMM_WORLD has another number of them: run it with "
            "mpirun -n " +
            std::to_string(ranks));
    mpi::AllReduceOp::create(rewriter, loc, Type(), buffer, buffer, *reduction,
                             world);
    rewriter.replaceOpWithNewOp<bufferization::ToTensorOp>(
        op, type, buffer, /*restrict=*/true, /*writable=*/true);
    return success();
  }

  SymbolTableCollection &symbolTables;
};

struct AttnShardToMPIPass
    : public attn::impl::AttnShardToMPIBase<AttnShardToMPIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    {
      SymbolTableCollection symbolTables;
      RewritePatternSet patterns(&getContext());
      shard::populateAllSliceOpLoweringPatterns(patterns, symbolTables);
      patterns.add<WholeGridAllReduce>(&getContext(), symbolTables);
      if (failed(applyPatternsGreedily(module, std::move(patterns))))
        return signalPassFailure();
    }

    OpPassManager convert(ModuleOp::getOperationName());
    convert.addPass(createConvertShardToMPIPass());
    if (failed(runPipeline(convert, module)))
      return signalPassFailure();

    bool left = false;
    module.walk([&](Operation *op) {
      if (!isa<shard::ShardDialect>(op->getDialect()) || isa<shard::GridOp>(op))
        return;
      op->emitOpError()
          << "was not converted to MPI: upstream MLIR 22's "
             "convert-shard-to-mpi converts all_reduce, process indices "
             "and grid shapes, not this op (see docs/distributed.md)";
      left = true;
    });
    if (left)
      return signalPassFailure();

    // The grids were only read for their shapes; private ones nothing
    // refers to any more would otherwise reach the LLVM translation.
    SymbolTable symbols(module);
    for (auto grid : llvm::make_early_inc_range(module.getOps<shard::GridOp>()))
      if (SymbolTable::symbolKnownUseEmpty(grid, module))
        symbols.erase(grid);
  }
};

} // namespace
