// Decode-shaped matmuls (M = 1..3: fewer accumulators than min-chains), whose
// register tile splits K over several sets of accumulators (attn-matmul-kernel
// min-chains), checked against the upstream loops: K not a multiple of the
// split (the k left over run after the sum of the sets), K below two splits
// (no split), dynamic M (the rows left over by a block take the split tiles),
// a constant weight packed at compile time, and min-chains=1 (never split).
// RUN: attn-run %s --function decode_odd_k --check | FileCheck %s
// RUN: attn-run %s --function decode_odd_k --check --pipeline-options="matmul-vectors=1" | FileCheck %s
// RUN: attn-run %s --function decode_small_k --check | FileCheck %s
// RUN: attn-run %s --function dynamic_m --arg-shape 0=1x131 --check | FileCheck %s
// RUN: attn-run %s --function dynamic_m --arg-shape 0=3x131 --check | FileCheck %s
// RUN: attn-run %s --function dynamic_m --arg-shape 0=11x131 --check | FileCheck %s
// RUN: attn-run %s --function weight_decode --check | FileCheck %s
// The split is in the kernel (8 sets of sums after the K loop at M = 1, 2 vectors).
// RUN: attn-opt %s --attn-matmul-kernel="lanes=16" | FileCheck %s --check-prefix=IR
// RUN: attn-opt %s --attn-matmul-kernel="lanes=16 min-chains=1" | FileCheck %s --check-prefix=NOSPLIT
// CHECK: result 0: max abs err {{.*}} PASS

// IR-LABEL: func.func @decode_odd_k
// IR: scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c4{{.*}} iter_args({{.*}}) -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// IR-COUNT-8: vector.fma
// IR: scf.yield
// IR-COUNT-6: arith.addf {{.*}} : vector<16xf32>
// IR: scf.for %{{.*}} = %{{.*}} to %c67 step %c1
// IR-COUNT-2: vector.fma
// NOSPLIT-LABEL: func.func @decode_odd_k
// NOSPLIT-NOT: step %c4
// NOSPLIT: func.func @decode_small_k
func.func @decode_odd_k(%a: tensor<1x67xf32>, %b: tensor<67x40xf32>) -> tensor<1x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x40xf32>) -> tensor<1x40xf32>
  %y = linalg.matmul ins(%a, %b : tensor<1x67xf32>, tensor<67x40xf32>) outs(%z : tensor<1x40xf32>) -> tensor<1x40xf32>
  return %y : tensor<1x40xf32>
}

func.func @decode_small_k(%a: tensor<2x5xf32>, %b: tensor<5x33xf32>) -> tensor<2x33xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x33xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x33xf32>) -> tensor<2x33xf32>
  %y = linalg.matmul ins(%a, %b : tensor<2x5xf32>, tensor<5x33xf32>) outs(%z : tensor<2x33xf32>) -> tensor<2x33xf32>
  return %y : tensor<2x33xf32>
}

func.func @dynamic_m(%a: tensor<?x131xf32>, %b: tensor<131x72xf32>) -> tensor<?x72xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x131xf32>
  %e = tensor.empty(%m) : tensor<?x72xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x72xf32>) -> tensor<?x72xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x131xf32>, tensor<131x72xf32>) outs(%z : tensor<?x72xf32>) -> tensor<?x72xf32>
  return %y : tensor<?x72xf32>
}

attn.weight @w = dense<[[1.0, -2.0, 0.5], [0.25, 3.0, -1.0], [2.0, 0.0, 1.5], [-0.5, 1.0, 2.5], [1.0, 1.0, -3.0], [0.75, -0.25, 0.125], [-1.5, 2.0, 0.5], [0.5, 0.5, -0.5], [3.0, -1.0, 1.0]]> : tensor<9x3xf32>
func.func @weight_decode(%a: tensor<1x9xf32>) -> tensor<1x3xf32> {
  %w = attn.weight_ref @w : tensor<9x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x3xf32>) -> tensor<1x3xf32>
  %y = linalg.matmul ins(%a, %w : tensor<1x9xf32>, tensor<9x3xf32>) outs(%z : tensor<1x3xf32>) -> tensor<1x3xf32>
  return %y : tensor<1x3xf32>
}
