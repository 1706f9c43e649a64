// Element-wise consumers fused into attn's matmul kernel (applied to the
// accumulators before the store), checked by running against the upstream
// loops: bias + GELU (erf and tanh forms), ReLU, SiLU, residual add with
// scaling, a per-row scale, rounding to bf16, with row and column
// remainders and dynamic M. Tolerances: attn-run's (f32: atol 1e-5, rtol
// 1e-4; bf16: atol 1e-2, rtol 4e-2).

// RUN: attn-run %s --function bias_gelu_erf --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function bias_gelu_tanh --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function relu_silu --arg-shape 0=19x24 --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function residual_scaled --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function row_scale --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function round_bf16 --check | FileCheck %s --check-prefix=CHECK-OK
// CHECK-OK: result 0: max abs err {{.*}} PASS

#id = affine_map<(i, j) -> (i, j)>
#col = affine_map<(i, j) -> (j)>
#row = affine_map<(i, j) -> (i)>

func.func @bias_gelu_erf(%a: tensor<13x24xf32>, %b: tensor<24x37xf32>, %bias: tensor<37xf32>) -> tensor<13x37xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<13x37xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<13x37xf32>) -> tensor<13x37xf32>
  %y = linalg.matmul ins(%a, %b : tensor<13x24xf32>, tensor<24x37xf32>) outs(%z : tensor<13x37xf32>) -> tensor<13x37xf32>
  %g = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : tensor<13x37xf32>, tensor<37xf32>) outs(%e : tensor<13x37xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %u = arith.addf %v, %c : f32
    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %rsqrt2 = arith.constant 0.707106769 : f32
    %us = arith.mulf %u, %rsqrt2 : f32
    %erf = math.erf %us : f32
    %onep = arith.addf %one, %erf : f32
    %hu = arith.mulf %half, %u : f32
    %gelu = arith.mulf %hu, %onep : f32
    linalg.yield %gelu : f32
  } -> tensor<13x37xf32>
  return %g : tensor<13x37xf32>
}

// Bias add and GELU's tanh form as two consumers, both fused.
func.func @bias_gelu_tanh(%a: tensor<9x40xf32>, %b: tensor<40x70xf32>, %bias: tensor<70xf32>) -> tensor<9x70xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<9x70xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<9x70xf32>) -> tensor<9x70xf32>
  %y = linalg.matmul ins(%a, %b : tensor<9x40xf32>, tensor<40x70xf32>) outs(%z : tensor<9x70xf32>) -> tensor<9x70xf32>
  %yb = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : tensor<9x70xf32>, tensor<70xf32>) outs(%e : tensor<9x70xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %u = arith.addf %v, %c : f32
    linalg.yield %u : f32
  } -> tensor<9x70xf32>
  %g = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%yb : tensor<9x70xf32>) outs(%e : tensor<9x70xf32>) {
  ^bb0(%u: f32, %o: f32):
    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %k0 = arith.constant 0.797884583 : f32
    %k1 = arith.constant 0.044715 : f32
    %u2 = arith.mulf %u, %u : f32
    %u3 = arith.mulf %u2, %u : f32
    %t0 = arith.mulf %k1, %u3 : f32
    %t1 = arith.addf %u, %t0 : f32
    %t2 = arith.mulf %k0, %t1 : f32
    %th = math.tanh %t2 : f32
    %onep = arith.addf %one, %th : f32
    %hu = arith.mulf %half, %u : f32
    %gelu = arith.mulf %hu, %onep : f32
    linalg.yield %gelu : f32
  } -> tensor<9x70xf32>
  return %g : tensor<9x70xf32>
}

// ReLU of the product, then SiLU of that (x · sigmoid(x)); dynamic M.
func.func @relu_silu(%a: tensor<?x24xf32>, %b: tensor<24x33xf32>) -> tensor<?x33xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x24xf32>
  %e = tensor.empty(%m) : tensor<?x33xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x33xf32>) -> tensor<?x33xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x24xf32>, tensor<24x33xf32>) outs(%z : tensor<?x33xf32>) -> tensor<?x33xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<?x33xf32>) outs(%e : tensor<?x33xf32>) {
  ^bb0(%v: f32, %o: f32):
    %c = arith.constant 0.0 : f32
    %relu = arith.maximumf %v, %c : f32
    %n = arith.negf %v : f32
    %ex = math.exp %n : f32
    %one = arith.constant 1.0 : f32
    %d = arith.addf %one, %ex : f32
    %sig = arith.divf %one, %d : f32
    %silu = arith.mulf %v, %sig : f32
    %s = arith.addf %relu, %silu : f32
    linalg.yield %s : f32
  } -> tensor<?x33xf32>
  return %r : tensor<?x33xf32>
}

// x + 0.5 · (A·B): a residual add with scaling.
func.func @residual_scaled(%a: tensor<17x16xf32>, %b: tensor<16x48xf32>, %x: tensor<17x48xf32>) -> tensor<17x48xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<17x48xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<17x48xf32>) -> tensor<17x48xf32>
  %y = linalg.matmul ins(%a, %b : tensor<17x16xf32>, tensor<16x48xf32>) outs(%z : tensor<17x48xf32>) -> tensor<17x48xf32>
  %r = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%x, %y : tensor<17x48xf32>, tensor<17x48xf32>) outs(%e : tensor<17x48xf32>) {
  ^bb0(%xv: f32, %v: f32, %o: f32):
    %half = arith.constant 0.5 : f32
    %s = arith.mulf %v, %half : f32
    %sum = arith.addf %xv, %s : f32
    linalg.yield %sum : f32
  } -> tensor<17x48xf32>
  return %r : tensor<17x48xf32>
}

// A per-row operand (read as a scalar and broadcast).
func.func @row_scale(%a: tensor<11x8xf32>, %b: tensor<8x20xf32>, %s: tensor<11xf32>) -> tensor<11x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<11x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<11x20xf32>) -> tensor<11x20xf32>
  %y = linalg.matmul ins(%a, %b : tensor<11x8xf32>, tensor<8x20xf32>) outs(%z : tensor<11x20xf32>) -> tensor<11x20xf32>
  %r = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %s : tensor<11x20xf32>, tensor<11xf32>) outs(%e : tensor<11x20xf32>) {
  ^bb0(%v: f32, %sv: f32, %o: f32):
    %p = arith.mulf %v, %sv : f32
    linalg.yield %p : f32
  } -> tensor<11x20xf32>
  return %r : tensor<11x20xf32>
}

// bf16 operands and bias, f32 accumulation, the result rounded to bf16
// (attn.mha's projections in bf16).
func.func @round_bf16(%a: tensor<10x32xbf16>, %b: tensor<32x35xbf16>, %bias: tensor<35xbf16>) -> tensor<10x35xbf16> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x35xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x35xf32>) -> tensor<10x35xf32>
  %y = linalg.matmul ins(%a, %b : tensor<10x32xbf16>, tensor<32x35xbf16>) outs(%z : tensor<10x35xf32>) -> tensor<10x35xf32>
  %eb = tensor.empty() : tensor<10x35xbf16>
  %r = linalg.generic {indexing_maps = [#id, #col, #id], iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : tensor<10x35xf32>, tensor<35xbf16>) outs(%eb : tensor<10x35xbf16>) {
  ^bb0(%v: f32, %c: bf16, %o: bf16):
    %cf = arith.extf %c : bf16 to f32
    %u = arith.addf %v, %cf : f32
    %t = arith.truncf %u : f32 to bf16
    linalg.yield %t : bf16
  } -> tensor<10x35xbf16>
  return %r : tensor<10x35xbf16>
}
