// Functions that return an argument, a view of one, or a weight compile
// (the deallocation pipeline leaves bufferization.clone for them, which
// convert-bufferization-to-memref turns into a copy) and hand the caller a
// buffer of its own.
// RUN: attn-opt %s --attn-cpu-pipeline | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=CHECK-IR
// RUN: attn-run %s --function weight | FileCheck %s --check-prefix=CHECK-WEIGHT
// RUN: attn-run %s --function view --init small-int | FileCheck %s --check-prefix=CHECK-VIEW

// CHECK-IR-DAG: define {{.*}} @arg(
// CHECK-IR-DAG: define {{.*}} @weight(
// CHECK-IR-DAG: define {{.*}} @view(

// CHECK-WEIGHT: result 0: 4 f32
// CHECK-WEIGHT-NEXT: [1, 2, 3, 4]
// CHECK-VIEW: result 0: 4 f32

attn.weight @w = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>

func.func @arg(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

func.func @weight() -> tensor<4xf32> {
  %w = attn.weight_ref @w : tensor<4xf32>
  return %w : tensor<4xf32>
}

func.func @view(%a: tensor<2x2xf32>) -> tensor<4xf32> {
  %c = tensor.collapse_shape %a [[0, 1]] : tensor<2x2xf32> into tensor<4xf32>
  return %c : tensor<4xf32>
}
