// RUN: attn-opt %s --pass-pipeline='builtin.module(attn-cpu-pipeline{distribute=true})' | FileCheck %s
// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition),canonicalize,attn-shard-to-mpi)' | FileCheck %s --check-prefix=MPI
// RUN: not attn-run %s --pipeline-options=distribute=true 2>&1 | FileCheck %s --check-prefix=JIT

// attn-cpu-pipeline{distribute=true}: a head-parallel attn.mha annotated on
// its weights becomes one rank's program whose only communication is one
// MPI_Allreduce (MPICH's ABI), with the grid gone.

// attn-run is one process that never calls MPI_Init: it refuses (the code
// runs under mpirun, compiled by attn-compile: test/Distributed/run-ranks.test).
// JIT: error: distribute=true makes the program of one MPI rank, which attn-run (one process, no MPI_Init) cannot run: compile it with attn-compile and run it under mpirun (docs/distributed.md)

// The all-reduce spans the whole grid: on MPI_COMM_WORLD, in place, with no
// MPI_Comm_split (test/Distributed/shard-to-mpi.mlir).
// MPI-NOT: shard.
// MPI-NOT: mpi.comm_split
// MPI: %[[WORLD:.*]] = mpi.comm_world
// MPI: mpi.allreduce(%[[BUF:.*]], %[[BUF]], MPI_SUM, %[[WORLD]]) : memref<1x16x32xf32>, memref<1x16x32xf32>
// MPI-NOT: mpi.allreduce
// MPI-NOT: mpi.comm_split
// MPI-NOT: shard.

// CHECK-NOT: shard.grid
// CHECK: llvm.func @heads
// CHECK-NOT: llvm.call @MPI_Comm_split
// CHECK: llvm.call @MPI_Allreduce
// CHECK-NOT: llvm.call @MPI_Allreduce
// CHECK-NOT: llvm.call @MPI_Comm_split
// CHECK-NOT: mpi.
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @heads(%x: tensor<1x16x32xf32>, %wq: tensor<32x32xf32>, %wk: tensor<32x16xf32>,
                 %wv: tensor<32x16xf32>, %wo: tensor<32x32xf32>, %bo: tensor<32xf32>) -> tensor<1x16x32xf32> {
  %cols = shard.sharding @grid split_axes = [[], [0]] : !shard.sharding
  %rows = shard.sharding @grid split_axes = [[0]] : !shard.sharding
  %wqs = shard.shard %wq to %cols : tensor<32x32xf32>
  %wks = shard.shard %wk to %cols : tensor<32x16xf32>
  %wvs = shard.shard %wv to %cols : tensor<32x16xf32>
  %wos = shard.shard %wo to %rows : tensor<32x32xf32>
  %y = attn.mha %x weights(%wqs, %wks, %wvs, %wos) bias_o(%bo) num_heads(8) num_kv_heads(4) head_dim(4) causal
      : (tensor<1x16x32xf32>, tensor<32x32xf32>, tensor<32x16xf32>, tensor<32x16xf32>, tensor<32x32xf32>, tensor<32xf32>) -> tensor<1x16x32xf32>
  return %y : tensor<1x16x32xf32>
}
