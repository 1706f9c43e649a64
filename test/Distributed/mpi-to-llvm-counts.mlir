// RUN: attn-opt %s --split-input-file --verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(finalize-memref-to-llvm,attn-convert-mpi-to-llvm,reconcile-unrealized-casts,canonicalize,cse)' \
// RUN:   | FileCheck %s

// attn-convert-mpi-to-llvm passes every element of a buffer as the MPI
// count. Upstream MLIR 22's patterns alone pass dimension 0's size: 4 for a
// memref<4x8xf32>, a silent wrong result (only an eighth of it travels).

// CHECK-LABEL: func.func @static_2d
// CHECK-DAG: %[[C32:.*]] = llvm.mlir.constant(32 : i64) : i64
// CHECK: %[[N:.*]] = llvm.trunc %[[C32]] : i64 to i32
// CHECK: llvm.call @MPI_Send(%{{.*}}, %[[N]],
// CHECK: llvm.call @MPI_Recv(%{{.*}}, %[[N]],
// CHECK: llvm.call @MPI_Allreduce(%{{.*}}, %{{.*}}, %[[N]],
func.func @static_2d(%buf: memref<4x8xf32>, %out: memref<4x8xf32>) {
  %comm = mpi.comm_world : !mpi.comm
  %tag = arith.constant 0 : i32
  %peer = arith.constant 1 : i32
  mpi.send(%buf, %tag, %peer, %comm) : memref<4x8xf32>, i32, i32
  mpi.recv(%out, %tag, %peer, %comm) : memref<4x8xf32>, i32, i32
  mpi.allreduce(%buf, %out, MPI_SUM, %comm) : memref<4x8xf32>, memref<4x8xf32>
  return
}

// -----

// A dynamic size: the count is the product of the descriptor's sizes. The
// in-place all-reduce (one buffer twice) stays in place (MPI_IN_PLACE, -1).
// A rank-0 buffer is one element; a 1-D one is left to upstream.
// CHECK-LABEL: func.func @dynamic_inplace
// CHECK-DAG: %[[IN_PLACE:.*]] = llvm.mlir.constant(-1 : i64) : i64
// CHECK-DAG: %[[ONE:.*]] = llvm.mlir.constant(1 : i64) : i64
// CHECK: %[[ROWS:.*]] = llvm.extractvalue %[[D:.*]][3, 0]
// CHECK: %[[R1:.*]] = llvm.mul %[[ROWS]], %[[ONE]] : i64
// CHECK: %[[COLS:.*]] = llvm.extractvalue %[[D]][3, 1]
// CHECK: %[[N:.*]] = llvm.mul %[[R1]], %[[COLS]] : i64
// CHECK: %[[N32:.*]] = llvm.trunc %[[N]] : i64 to i32
// CHECK: llvm.call @MPI_Send(%{{.*}}, %[[N32]],
// CHECK: %[[ONE32:.*]] = llvm.trunc %[[ONE]] : i64 to i32
// CHECK: llvm.call @MPI_Send(%{{.*}}, %[[ONE32]],
// CHECK: %[[SIXTEEN:.*]] = llvm.extractvalue %{{.*}}[3, 0]
// CHECK: %[[SIXTEEN32:.*]] = llvm.trunc %[[SIXTEEN]] : i64 to i32
// CHECK: llvm.call @MPI_Send(%{{.*}}, %[[SIXTEEN32]],
// CHECK: %[[INPTR:.*]] = llvm.inttoptr %[[IN_PLACE]]
// CHECK: llvm.call @MPI_Allreduce(%[[INPTR]], %{{.*}}, %[[N32]],
func.func @dynamic_inplace(%buf: memref<?x8xf32>, %scalar: memref<f32>, %one: memref<16xf32>) {
  %comm = mpi.comm_world : !mpi.comm
  %tag = arith.constant 0 : i32
  mpi.send(%buf, %tag, %tag, %comm) : memref<?x8xf32>, i32, i32
  mpi.send(%scalar, %tag, %tag, %comm) : memref<f32>, i32, i32
  mpi.send(%one, %tag, %tag, %comm) : memref<16xf32>, i32, i32
  mpi.allreduce(%buf, %buf, MPI_SUM, %comm) : memref<?x8xf32>, memref<?x8xf32>
  return
}

// -----

// A contiguous view with an offset (rows 2..3 of a 4x8 buffer): sent from
// its offset, all 16 elements.
// CHECK-LABEL: func.func @contiguous_view
// CHECK-DAG: %[[C16:.*]] = llvm.mlir.constant(16 : i64) : i64
// CHECK: %[[N:.*]] = llvm.trunc %[[C16]] : i64 to i32
// CHECK: llvm.call @MPI_Send(%{{.*}}, %[[N]],
func.func @contiguous_view(%buf: memref<2x8xf32, strided<[8, 1], offset: 16>>) {
  %comm = mpi.comm_world : !mpi.comm
  %tag = arith.constant 0 : i32
  mpi.send(%buf, %tag, %tag, %comm) : memref<2x8xf32, strided<[8, 1], offset: 16>>, i32, i32
  return
}

// -----

// Columns 0..3 of a 4x8 buffer are not one run of elements.
func.func @strided_view(%buf: memref<4x4xf32, strided<[8, 1]>>) {
  %comm = mpi.comm_world : !mpi.comm
  %tag = arith.constant 0 : i32
  // expected-error @+1 {{'mpi.send' op buffer of type 'memref<4x4xf32, strided<[8, 1]>>' is not contiguous: MPI sends and receives a pointer and an element count, so copy it into a contiguous buffer first}}
  mpi.send(%buf, %tag, %tag, %comm) : memref<4x4xf32, strided<[8, 1]>>, i32, i32
  return
}

// -----

func.func @strided_1d(%buf: memref<8xf32, strided<[2]>>) {
  %comm = mpi.comm_world : !mpi.comm
  %tag = arith.constant 0 : i32
  // expected-error @+1 {{'mpi.recv' op buffer of type 'memref<8xf32, strided<[2]>>' is not contiguous}}
  mpi.recv(%buf, %tag, %tag, %comm) : memref<8xf32, strided<[2]>>, i32, i32
  return
}

// -----

// mpi.comm_size, which upstream does not lower: MPI_Comm_size with MPICH's
// int communicator.
// CHECK: llvm.func @MPI_Comm_size(i32, !llvm.ptr) -> i32
// CHECK-LABEL: func.func @comm_size
// CHECK: %[[WORLD:.*]] = llvm.mlir.constant(1140850688 : i64) : i64
// CHECK: %[[COMM:.*]] = llvm.trunc %[[WORLD]] : i64 to i32
// CHECK: %[[SLOT:.*]] = llvm.alloca %{{.*}} x i32 : (i32) -> !llvm.ptr
// CHECK: llvm.call @MPI_Comm_size(%[[COMM]], %[[SLOT]]) : (i32, !llvm.ptr) -> i32
// CHECK: %[[SIZE:.*]] = llvm.load %[[SLOT]] : !llvm.ptr -> i32
// CHECK: return %[[SIZE]]
func.func @comm_size() -> i32 {
  %comm = mpi.comm_world : !mpi.comm
  %size = mpi.comm_size(%comm) : i32
  return %size : i32
}
