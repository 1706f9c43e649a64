//===- ShardToMPI.cpp - attn-shard-to-mpi
//----------------------------------===//
//
// Upstream's all_slice lowering, then upstream's convert-shard-to-mpi, then a
// check that nothing of the shard dialect but its grids is left (upstream's
// conversion reports an op it cannot convert yet succeeds).
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/Passes.h"

#include "mlir/Conversion/ShardToMPI/ShardToMPI.h"
#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
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

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSHARDTOMPI
#include "attn/Distributed/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

struct AttnShardToMPIPass
    : public attn::impl::AttnShardToMPIBase<AttnShardToMPIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    {
      SymbolTableCollection symbolTables;
      RewritePatternSet patterns(&getContext());
      shard::populateAllSliceOpLoweringPatterns(patterns, symbolTables);
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
