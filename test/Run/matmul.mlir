// attn's matmul kernel (attn-matmul-kernel, on by default in
// attn-cpu-pipeline) checked by running it against the upstream loops
// (--check compiles the reference with matmul=false): odd M, N, K (row and
// column remainders, several parallel blocks), dynamic M, non-zero
// accumulators, batch_matmul, transposed A and B (B packed per call),
// constant B packed at compile time (dense and attn.weight), f16/bf16
// operands, the 3-D contraction generic of attn.mha's projections.
// Tolerances: attn-run's f32 ones (atol 1e-5, rtol 1e-4).

// RUN: attn-run %s --function odd --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function blocks --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function blocks --check --pipeline-options="matmul-rows=6 matmul-vectors=4 matmul-m-block=12 matmul-n-block=64" | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function blocks --check --pipeline-options="parallel=false matmul-rows=1 matmul-vectors=1" | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dynamic_m --arg-shape 0=29x24 --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dynamic_m --arg-shape 0=1x24 --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dynamic_all --arg-shape 0=5x7 --arg-shape 1=7x45 --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function accumulate --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function batched --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function transposed_a --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function transposed_b --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function constant_b --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function constant_b_transposed --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function weight_b --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function bf16_operands --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function f16_operands --check | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function rows3d --check | FileCheck %s --check-prefix=CHECK-OK
// CHECK-OK: reference: {{.*}} contractions as loops, not attn's matmul kernel)
// CHECK-OK: result 0: max abs err {{.*}} PASS

// The whole pipeline without the kernel still runs (and is what --check
// compares with).
// RUN: attn-run %s --function odd --pipeline-options=matmul=false | FileCheck %s --check-prefix=CHECK-OFF
// CHECK-OFF: result 0: 13x37 f32

func.func @odd(%a: tensor<13x19xf32>, %b: tensor<19x37xf32>) -> tensor<13x37xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<13x37xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<13x37xf32>) -> tensor<13x37xf32>
  %y = linalg.matmul ins(%a, %b : tensor<13x19xf32>, tensor<19x37xf32>) outs(%z : tensor<13x37xf32>) -> tensor<13x37xf32>
  return %y : tensor<13x37xf32>
}

// Two row blocks (64 + 6 rows) and two column blocks (128 + 22 columns).
func.func @blocks(%a: tensor<70x33xf32>, %b: tensor<33x150xf32>) -> tensor<70x150xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<70x150xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<70x150xf32>) -> tensor<70x150xf32>
  %y = linalg.matmul ins(%a, %b : tensor<70x33xf32>, tensor<33x150xf32>) outs(%z : tensor<70x150xf32>) -> tensor<70x150xf32>
  return %y : tensor<70x150xf32>
}

func.func @dynamic_m(%a: tensor<?x24xf32>, %b: tensor<24x40xf32>) -> tensor<?x40xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x24xf32>
  %e = tensor.empty(%m) : tensor<?x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x40xf32>) -> tensor<?x40xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x24xf32>, tensor<24x40xf32>) outs(%z : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %y : tensor<?x40xf32>
}

func.func @dynamic_all(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %a, %c0 : tensor<?x?xf32>
  %n = tensor.dim %b, %c1 : tensor<?x?xf32>
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%z : tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// C += A·B on a C that is not zero.
func.func @accumulate(%a: tensor<9x16xf32>, %b: tensor<16x35xf32>, %c: tensor<9x35xf32>) -> tensor<9x35xf32> {
  %y = linalg.matmul ins(%a, %b : tensor<9x16xf32>, tensor<16x35xf32>) outs(%c : tensor<9x35xf32>) -> tensor<9x35xf32>
  return %y : tensor<9x35xf32>
}

func.func @batched(%a: tensor<3x11x17xf32>, %b: tensor<3x17x40xf32>) -> tensor<3x11x40xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x11x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x11x40xf32>) -> tensor<3x11x40xf32>
  %y = linalg.batch_matmul ins(%a, %b : tensor<3x11x17xf32>, tensor<3x17x40xf32>) outs(%z : tensor<3x11x40xf32>) -> tensor<3x11x40xf32>
  return %y : tensor<3x11x40xf32>
}

// Aᵀ given as K×M.
func.func @transposed_a(%a: tensor<21x10xf32>, %b: tensor<21x33xf32>) -> tensor<10x33xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x33xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x33xf32>) -> tensor<10x33xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<21x10xf32>, tensor<21x33xf32>) outs(%z : tensor<10x33xf32>) -> tensor<10x33xf32>
  return %y : tensor<10x33xf32>
}

// Bᵀ given as N×K: packed per call.
func.func @transposed_b(%a: tensor<10x21xf32>, %b: tensor<45x21xf32>) -> tensor<10x45xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x45xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x45xf32>) -> tensor<10x45xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<10x21xf32>, tensor<45x21xf32>) outs(%z : tensor<10x45xf32>) -> tensor<10x45xf32>
  return %y : tensor<10x45xf32>
}

// Constant B, packed at compile time (a 3×34 ramp, two column panels).
func.func @constant_b(%a: tensor<9x3xf32>) -> tensor<9x34xf32> {
  %b = arith.constant dense<[[0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0, 19.0, 20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0, 28.0, 29.0, 30.0, 31.0, 32.0, 33.0],
                             [-1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 10.5, 11.0, 11.5, 12.0, 12.5, 13.0, 13.5, 14.0, 14.5, 15.0, 15.5],
                             [0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, 0.0, 0.25, -3.0]]> : tensor<3x34xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<9x34xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<9x34xf32>) -> tensor<9x34xf32>
  %y = linalg.matmul ins(%a, %b : tensor<9x3xf32>, tensor<3x34xf32>) outs(%z : tensor<9x34xf32>) -> tensor<9x34xf32>
  return %y : tensor<9x34xf32>
}

// The same constant given transposed (N×K = 4×3).
func.func @constant_b_transposed(%a: tensor<5x3xf32>) -> tensor<5x4xf32> {
  %b = arith.constant dense<[[1.0, 2.0, 3.0], [-1.0, 0.5, 0.25], [0.0, 4.0, -2.0], [7.0, -7.0, 1.0]]> : tensor<4x3xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<5x4xf32>) -> tensor<5x4xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<5x3xf32>, tensor<4x3xf32>) outs(%z : tensor<5x4xf32>) -> tensor<5x4xf32>
  return %y : tensor<5x4xf32>
}

attn.weight @w = dense<[[0.5, -1.0, 2.0, 0.0, 1.0, 3.0, -2.0, 0.25, 1.5, -0.75, 0.125, 4.0, -3.0, 2.5, 0.0, 1.0, 0.5, -0.5, 2.0],
                        [1.0, 1.0, -1.0, 2.0, 0.0, -1.5, 0.5, 0.5, -2.0, 1.25, 3.0, -1.0, 0.0, 0.75, 1.0, -2.0, 1.5, 0.5, -1.0]]> : tensor<2x19xf32>
func.func @weight_b(%a: tensor<11x2xf32>) -> tensor<11x19xf32> {
  %w = attn.weight_ref @w : tensor<2x19xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<11x19xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<11x19xf32>) -> tensor<11x19xf32>
  %y = linalg.matmul ins(%a, %w : tensor<11x2xf32>, tensor<2x19xf32>) outs(%z : tensor<11x19xf32>) -> tensor<11x19xf32>
  return %y : tensor<11x19xf32>
}

// bf16 and f16 operands, f32 accumulation (what attn.mha writes for them).
func.func @bf16_operands(%a: tensor<10x40xbf16>, %b: tensor<40x20xbf16>) -> tensor<10x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x20xf32>) -> tensor<10x20xf32>
  %y = linalg.matmul ins(%a, %b : tensor<10x40xbf16>, tensor<40x20xbf16>) outs(%z : tensor<10x20xf32>) -> tensor<10x20xf32>
  return %y : tensor<10x20xf32>
}

func.func @f16_operands(%a: tensor<10x40xf16>, %b: tensor<40x20xf16>) -> tensor<10x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x20xf32>) -> tensor<10x20xf32>
  %y = linalg.matmul ins(%a, %b : tensor<10x40xf16>, tensor<40x20xf16>) outs(%z : tensor<10x20xf32>) -> tensor<10x20xf32>
  return %y : tensor<10x20xf32>
}

// x[b, s, k] · w[k, c] with B×S kept (what attn.mha writes when both are
// dynamic): b is an outer dim, s the M dim.
func.func @rows3d(%x: tensor<2x9x12xf32>, %w: tensor<12x20xf32>) -> tensor<2x9x20xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x9x20xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x9x20xf32>) -> tensor<2x9x20xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(b, s, c, k) -> (b, s, k)>, affine_map<(b, s, c, k) -> (k, c)>, affine_map<(b, s, c, k) -> (b, s, c)>],
                       iterator_types = ["parallel", "parallel", "parallel", "reduction"]}
      ins(%x, %w : tensor<2x9x12xf32>, tensor<12x20xf32>) outs(%z : tensor<2x9x20xf32>) {
  ^bb0(%xv: f32, %wv: f32, %acc: f32):
    %p = arith.mulf %xv, %wv : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<2x9x20xf32>
  return %y : tensor<2x9x20xf32>
}
