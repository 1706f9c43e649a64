// Numerics of the compiled attn.sdpa on tiny inputs, JIT-run by mlir-runner
// and compared with values computed by hand (scale 1, so the scores are
// integers): Q = [[1,0],[0,1]], K = [[1,0],[0,1],[1,1]], V = [[1,2],[3,4],[5,6]].
// Five significant digits are checked: the printed sixth one may depend on
// the libm's expf.
// REQUIRES: mlir-runner-utils
// Both routes: flash tiling with the vector kernel, and the untiled lowering
// (serial: mlir-runner does not load the OpenMP runtime).
// RUN: attn-opt %s --attn-cpu-pipeline="parallel=false" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s
// RUN: attn-opt %s --attn-cpu-pipeline="parallel=false tile=false" | mlir-runner -e main -entry-point-result=void -shared-libs=%mlir_runner_libs | FileCheck %s

// Causal, default offset Skv − Sq = 1: query 0 sees keys 0..1, query 1 all.
//   row 0: scores [1, 0], weights e/(e+1), 1/(e+1)            → [1.53788, 2.53788]
//   row 1: scores [0, 1, 1], weights 1, e, e over (1 + 2e)    → [3.53391, 4.53391]
// CHECK:      sizes = [1, 1, 2, 2]
// CHECK-NEXT: {{\[}}{{\[}}{{\[}}{{\[}}1.5378{{[0-9]*}}, 2.5378{{[0-9]*}}],
// CHECK-NEXT: {{\[}}3.5339{{[0-9]*}}, 4.5339{{[0-9]*}}]]]]
func.func @causal(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x3x2xf32>, %v: tensor<1x1x3x2xf32>) -> tensor<1x1x2x2xf32> {
  %o = attn.sdpa %q, %k, %v causal scale = 1.0
      : tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32> -> tensor<1x1x2x2xf32>
  return %o : tensor<1x1x2x2xf32>
}

// Keep-mask with a fully masked first row: zeros, not NaN.
//   row 1: keys 0 and 2, scores [0, 1]                        → [3.92423, 4.92423]
// CHECK:      sizes = [1, 1, 2, 2]
// CHECK-NEXT: {{\[}}{{\[}}{{\[}}{{\[}}0, 0],
// CHECK-NEXT: {{\[}}3.9242{{[0-9]*}}, 4.9242{{[0-9]*}}]]]]
func.func @masked(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x3x2xf32>, %v: tensor<1x1x3x2xf32>,
                  %m: tensor<2x3xi1>) -> tensor<1x1x2x2xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x3xi1>) scale = 1.0
      : tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32> -> tensor<1x1x2x2xf32>
  return %o : tensor<1x1x2x2xf32>
}

// MQA (2 query heads on the one K/V head) with an additive bias [0, -inf, 1]
// broadcast over heads and queries; head 1's queries are [2,1] and [0,3].
//   head 0 row 0: [1, -inf, 2] → [3.92423, 4.92423]; row 1: [0, -inf, 2] → [4.52319, 5.52319]
//   head 1 row 0: [2, -inf, 4] → [4.52319, 5.52319]; row 1: [0, -inf, 4] → [4.92806, 5.92806]
// CHECK:      sizes = [1, 2, 2, 2]
// CHECK-NEXT: {{\[}}{{\[}}{{\[}}{{\[}}3.9242{{[0-9]*}}, 4.9242{{[0-9]*}}],
// CHECK-NEXT: {{\[}}4.5231{{[0-9]*}}, 5.5231{{[0-9]*}}]],
// CHECK-NEXT: {{\[}}{{\[}}4.5231{{[0-9]*}}, 5.5231{{[0-9]*}}],
// CHECK-NEXT: {{\[}}4.9280{{[0-9]*}}, 5.9280{{[0-9]*}}]]]]
func.func @mqa_bias(%q: tensor<1x2x2x2xf32>, %k: tensor<1x1x3x2xf32>, %v: tensor<1x1x3x2xf32>,
                    %m: tensor<3xf32>) -> tensor<1x2x2x2xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<3xf32>) scale = 1.0
      : tensor<1x2x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32> -> tensor<1x2x2x2xf32>
  return %o : tensor<1x2x2x2xf32>
}

func.func @main() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]]]]> : tensor<1x1x2x2xf32>
  %q2 = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 1.0], [0.0, 3.0]]]]> : tensor<1x2x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %keep = arith.constant dense<[[false, false, false], [true, false, true]]> : tensor<2x3xi1>
  %bias = arith.constant dense<[0.0, 0xFF800000, 1.0]> : tensor<3xf32>

  %o1 = call @causal(%q, %k, %v) : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> tensor<1x1x2x2xf32>
  call @print4(%o1) : (tensor<1x1x2x2xf32>) -> ()
  %o2 = call @masked(%q, %k, %v, %keep) : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<2x3xi1>) -> tensor<1x1x2x2xf32>
  call @print4(%o2) : (tensor<1x1x2x2xf32>) -> ()
  %o3 = call @mqa_bias(%q2, %k, %v, %bias) : (tensor<1x2x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<3xf32>) -> tensor<1x2x2x2xf32>
  %c = tensor.cast %o3 : tensor<1x2x2x2xf32> to tensor<?x?x?x?xf32>
  %b = bufferization.to_buffer %c : tensor<?x?x?x?xf32> to memref<?x?x?x?xf32>
  %u = memref.cast %b : memref<?x?x?x?xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}

func.func private @print4(%t: tensor<1x1x2x2xf32>) {
  %b = bufferization.to_buffer %t : tensor<1x1x2x2xf32> to memref<1x1x2x2xf32>
  %u = memref.cast %b : memref<1x1x2x2xf32> to memref<*xf32>
  call @printMemrefF32(%u) : (memref<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(memref<*xf32>) attributes {llvm.emit_c_interface}
