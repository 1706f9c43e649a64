// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(attn-shard-to-mpi)' | FileCheck %s

// attn-shard-to-mpi: an all_reduce over every axis of its grid reduces on
// MPI_COMM_WORLD (a copy of the input, reduced in place), after a runtime
// check that the world has as many ranks as the grid. Upstream splits a new
// communicator on every call and never frees it: about 2,000 calls exhaust
// MPICH's communicators.

// CHECK-LABEL: func.func @whole_grid
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK: %[[FOUR:.*]] = arith.constant 4 : i32
// CHECK-NOT: shard.
// CHECK-NOT: mpi.comm_split
// CHECK: %[[IN:.*]] = bufferization.to_buffer %[[X]] read_only : tensor<2x3x4xf32> to memref<2x3x4xf32>
// CHECK: %[[BUF:.*]] = memref.alloc() : memref<2x3x4xf32>
// CHECK: linalg.copy ins(%[[IN]] : memref<2x3x4xf32>) outs(%[[BUF]] : memref<2x3x4xf32>)
// CHECK: %[[WORLD:.*]] = mpi.comm_world : !mpi.comm
// CHECK: %[[SIZE:.*]] = mpi.comm_size(%[[WORLD]]) : i32
// CHECK: %[[SAME:.*]] = arith.cmpi eq, %[[SIZE]], %[[FOUR]] : i32
// CHECK: cf.assert %[[SAME]], "shard.all_reduce: the program was partitioned for 4 ranks (grid @grid) but MPI_COMM_WORLD has another number of them: run it with mpirun -n 4"
// CHECK: mpi.allreduce(%[[BUF]], %[[BUF]], MPI_MAX, %[[WORLD]]) : memref<2x3x4xf32>, memref<2x3x4xf32>
// CHECK: %[[Y:.*]] = bufferization.to_tensor %[[BUF]] restrict writable
// CHECK: return %[[Y]]
shard.grid @grid(shape = 2x2) {sym_visibility = "private"}
func.func @whole_grid(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = shard.all_reduce %x on @grid grid_axes = [1, 0] reduction = max : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}

// -----

// One axis of a 2x2 grid is a sub-group: upstream's conversion splits
// MPI_COMM_WORLD by the other axis' index.
// CHECK-LABEL: func.func @sub_group
// CHECK: mpi.comm_split
// CHECK: mpi.allreduce({{.*}}, MPI_SUM,
shard.grid @grid(shape = 2x2) {sym_visibility = "private"}
func.func @sub_group(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = shard.all_reduce %x on @grid grid_axes = [0] : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A reduction MPI has no predefined op for (average) is left to upstream's
// conversion.
// CHECK-LABEL: func.func @average
// CHECK: mpi.comm_split
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @average(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = shard.all_reduce %x on @grid grid_axes = [0] reduction = average : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// A grid of one rank: the reduction is its input, no MPI at all.
// CHECK-LABEL: func.func @one_rank
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: return %[[X]]
shard.grid @grid(shape = 1) {sym_visibility = "private"}
func.func @one_rank(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = shard.all_reduce %x on @grid grid_axes = [0] : tensor<4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
