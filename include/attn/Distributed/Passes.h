//===- Passes.h - attn's passes for multi-process runs ----------*- C++ -*-===//

#ifndef ATTN_DISTRIBUTED_PASSES_H
#define ATTN_DISTRIBUTED_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::attn {

#define GEN_PASS_DECL
#include "attn/Distributed/Passes.h.inc"

/// sharding-propagation and shard-partition on every function, then
/// attn-shard-to-mpi: a module annotated with shard.sharding becomes the
/// program of one rank, its collectives mpi ops.
void buildShardToMPIPipeline(OpPassManager &pm);

#define GEN_PASS_REGISTRATION
#include "attn/Distributed/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_DISTRIBUTED_PASSES_H
