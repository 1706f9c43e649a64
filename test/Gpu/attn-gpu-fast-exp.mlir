// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(gpu.module(attn-gpu-fast-exp))' | FileCheck %s

// f32 exponentials in a GPU module become ex2.approx on x · log2 e.

// CHECK-LABEL: gpu.func @softmax_term
//  CHECK-SAME: (%[[X:.+]]: f32
//       CHECK:   %[[LOG2E:.+]] = arith.constant 1.44269502 : f32
//       CHECK:   %[[Y:.+]] = arith.mulf %[[X]], %[[LOG2E]] fastmath<afn> : f32
//       CHECK:   %[[E:.+]] = llvm.call_intrinsic "llvm.nvvm.ex2.approx.f32"(%[[Y]]) : (f32) -> f32
//       CHECK:   gpu.return %[[E]]
// Left alone: f16 and f64 scalars, vectors (the kernels' softmax is f32).
// CHECK-LABEL: gpu.func @others
//       CHECK:   math.exp %{{.+}} : f16
//       CHECK:   math.exp %{{.+}} : f64
//       CHECK:   math.exp %{{.+}} : vector<4xf32>
//   CHECK-NOT:   llvm.call_intrinsic
gpu.module @kernels {
  gpu.func @softmax_term(%x: f32) -> f32 {
    %e = math.exp %x fastmath<afn> : f32
    gpu.return %e : f32
  }
  gpu.func @others(%h: f16, %d: f64, %v: vector<4xf32>) -> (f16, f64, vector<4xf32>) {
    %a = math.exp %h : f16
    %b = math.exp %d : f64
    %c = math.exp %v : vector<4xf32>
    gpu.return %a, %b, %c : f16, f64, vector<4xf32>
  }
}

// -----

// Outside a gpu.module (host code) nothing changes: the pass is anchored on
// gpu.module.

// CHECK-LABEL: func.func @host
//       CHECK:   math.exp %{{.+}} : f32
func.func @host(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}
