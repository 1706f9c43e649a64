//===- ShardToMPIPipeline.cpp - annotated module to one rank's program ----===//

#include "attn/Distributed/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Shard/Transforms/Passes.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::attn::buildShardToMPIPipeline(OpPassManager &pm) {
  // Propagation works on one function at a time (a FunctionOpInterface
  // pass); partition rewrites each function's signature to its shards.
  OpPassManager &func = pm.nest<func::FuncOp>();
  func.addPass(shard::createShardingPropagation());
  func.addPass(shard::createPartition());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createAttnShardToMPI());
}
