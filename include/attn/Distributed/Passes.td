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
    `shard.process_multi_index`; a `shard.all_reduce` over every axis of a
    static grid (head parallelism's one all-reduce) becomes an in-place
    `mpi.allreduce` of a copy of its input on `mpi.comm_world`:

    ```mlir
    %y = shard.all_reduce %x on @grid grid_axes = [0] : tensor<2x8xf32> -> tensor<2x8xf32>
    // becomes
    %in = bufferization.to_buffer %x read_only : tensor<2x8xf32> to memref<2x8xf32>
    %buf = memref.alloc() : memref<2x8xf32>
    linalg.copy ins(%in : memref<2x8xf32>) outs(%buf : memref<2x8xf32>)
    %world = mpi.comm_world : !mpi.comm
    %size = mpi.comm_size(%world) : i32
    %same = arith.cmpi eq, %size, %c2_i32 : i32
    cf.assert %same, "shard.all_reduce: the program was partitioned for 2 ranks (grid @grid) but ..."
    mpi.allreduce(%buf, %buf, MPI_SUM, %world) : memref<2x8xf32>, memref<2x8xf32>
    %y = bufferization.to_tensor %buf restrict writable : memref<2x8xf32> to tensor<2x8xf32>
    ```

    (upstream splits a new communicator on every call and never frees it:
    a process calling the function ~2,000 times runs out of MPICH's
    communicators). Before it, a runtime check (`mpi.comm_size`,
    `cf.assert`) fails the call when the world does not have as many ranks
    as the grid (the sum would be wrong). Then `convert-shard-to-mpi` runs (other `shard.all_reduce`s →
    `mpi.allreduce` on a communicator split by the grid axes; process
    indices → `mpi.comm_rank`).

    Upstream's conversion reports an op it cannot convert
    (`shard.all_gather`, `shard.send`, `shard.shift`, ... in MLIR 22) but
    still succeeds; here every shard op other than `shard.grid` that is left
    is an error, so a program that would not communicate is never built.
    Grids that nothing refers to any more are erased.
  }];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::cf::ControlFlowDialect",
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

    Upstream's `MPI_Send`, `MPI_Recv` and `MPI_Allreduce` pass dimension 0's
    size as the element count (4 for a `memref<4x8xf32>`: a silent wrong
    result). Here a pattern tried first gives them a one-dimensional view of
    the buffer, so the count is every element (32); a buffer that is not
    contiguous (a strided view) is refused with an error at the op.
    `mpi.comm_size`, which upstream does not lower, becomes
    `MPI_Comm_size` (MPICH's ABI only).
  }];
  let dependentDialects = ["::mlir::DLTIDialect", "::mlir::LLVM::LLVMDialect"];
}

#endif // ATTN_DISTRIBUTED_PASSES_TD
