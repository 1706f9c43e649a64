// RUN: not attn-opt %s --pass-pipeline='builtin.module(attn-shard-to-mpi)' 2>&1 | FileCheck %s

// Upstream's convert-shard-to-mpi reports an all_gather it cannot convert
// and still succeeds; attn-shard-to-mpi fails on it (exit code != 0).

// CHECK: error: 'shard.all_gather' op was not converted to MPI
shard.grid @grid(shape = 2) {sym_visibility = "private"}
func.func @gather(%x: tensor<2x4xf32>) -> tensor<4x4xf32> {
  %0 = shard.all_gather %x on @grid grid_axes = [0] gather_axis = 0 : tensor<2x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}
