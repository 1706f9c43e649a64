//===- Passes.td - attn's passes for multi-process runs ----*- tablegen -*-===//
//
// What upstream MLIR 22 lacks between shard-partition's per-rank program and
// an executable that links MPICH (docs/distributed.md).
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DISTRIBUTED_PASSES_TD
#define ATTN_DISTRIBUTED_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnShardToMPI : Pass<"attn-shard-to-mpi", "::mlir::ModuleOp"> {
  let summary = "Lower a partitioned module's shard ops to the mpi dialect, "
                "and fail on any that remain";
  let description = [{
    Runs after `shard-partition`. First the ops upstream's
    `convert-shard-to-mpi` does not take are rewritten into ones it does:
    `shard.all_slice` (what resharding a replicated value into a split one
    makes, e.g. a whole weight each rank slices its heads from) becomes
    `tensor.extract_slice` at the rank's offset, read from
    `shard.process_multi_index`. Then `convert-shard-to-mpi` runs
    (`shard.all_reduce` → `mpi.allreduce` on a communicator split by the
    grid axes; process indices → `mpi.comm_rank`).

    Upstream's conversion reports an op it cannot convert
    (`shard.all_gather`, `shard.send`, `shard.shift`, ... in MLIR 22) but
    still succeeds; here every shard op other than `shard.grid` that is left
    is an error, so a program that would not communicate is never built.
    Grids that nothing refers to any more are erased.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::mpi::MPIDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def AttnConvertMPIToLLVM : Pass<"attn-convert-mpi-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Lower mpi ops to calls of the MPI C API (MPICH's ABI), and "
                "fail on any that remain";
  let description = [{
    Upstream's MPI to LLVM patterns (`MPI_Init`, `MPI_Comm_rank`,
    `MPI_Comm_split`, `MPI_Allreduce`, `MPI_Send`, `MPI_Recv`, ...) as a
    pass of its own, so that attn's pipeline, which lowers dialect by
    dialect rather than with `convert-to-llvm`, can place it. The MPI ABI is
    the module's `dlti.map` entry `"MPI:Implementation"`, MPICH by default
    (Open MPI's is not usable with MLIR 22, see docs/distributed.md). An mpi
    op the patterns do not lower is an error (upstream's `convert-to-llvm`
    leaves it in place and succeeds).
  }];
  let dependentDialects = ["::mlir::DLTIDialect", "::mlir::LLVM::LLVMDialect"];
}

#endif // ATTN_DISTRIBUTED_PASSES_TD
