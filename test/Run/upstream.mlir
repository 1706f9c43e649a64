// attn-run's machinery on plain upstream functions (no attn op): .npy in
// and out, results checked against values computed independently
// (Inputs/npy.py --matmul, in double), several results, i1 arguments,
// timing and --help.

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/a.npy '<f4' 4x8 ramp:-1:0.125
// RUN: python3 %S/Inputs/npy.py %t/b.npy '<f4' 8x3 sin:2:0.7:0.1
// RUN: python3 %S/Inputs/npy.py --matmul %t/a.npy %t/b.npy %t/ab.npy
// RUN: attn-run %s --function matmul --inputs %t/a.npy,%t/b.npy --expected %t/ab.npy --output-npy %t/mm --repeat 3 | FileCheck %s --check-prefix=CHECK-MM
// RUN: attn-run %s --function matmul --input %t/a.npy --input %t/b.npy --expected %t/mm0.npy | FileCheck %s --check-prefix=CHECK-ROUNDTRIP

// CHECK-MM:      @matmul: .npy inputs
// CHECK-MM-NEXT: result 0: 4x3 f32 (tensor<4x3xf32>)
// CHECK-MM:      expected ({{.*}}ab.npy): result 0: max abs err {{.*}} PASS
// CHECK-MM-NEXT: time: median {{.*}} ms over 3 runs {{.*}}; {{.*}} GFLOP/s (192 FLOP per call)
// CHECK-ROUNDTRIP: expected ({{.*}}mm0.npy): result 0: max abs err 0, max rel err 0 {{.*}} PASS

// Two results of two types, from a bf16 and an i1 argument; all-true masks
// keep every element, so result 1 is twice result 0.
// RUN: attn-run %s --function two_results --init small-int --mask-fill true --output-npy %t/two | FileCheck %s --check-prefix=CHECK-TWO
// RUN: attn-run %s --function two_results --init small-int --mask-fill true --expected %t/two0.npy,%t/two1.npy | FileCheck %s --check-prefix=CHECK-TWOEXP
// CHECK-TWO:      @two_results: random small-int inputs (seed 0)
// CHECK-TWO-NEXT: result 0: 3x4 bf16 (tensor<3x4xbf16>)
// CHECK-TWO-NEXT:   [1, 2, 0, 0, ..., 1, 0]  mean 0.583333  max|x| 2
// CHECK-TWO-NEXT: result 1: 3x4 f32 (tensor<3x4xf32>)
// CHECK-TWO-NEXT:   [2, 4, 0, 0, ..., 2, 0]  mean 1.16667  max|x| 4
// CHECK-TWOEXP: result 0: max abs err 0, {{.*}} PASS
// CHECK-TWOEXP: result 1: max abs err 0, {{.*}} PASS

// Every flag is documented; LLVM's own are not listed.
// RUN: attn-run --help | FileCheck %s --check-prefix=CHECK-HELP
// CHECK-HELP: USAGE: attn-run [options] <input .mlir file>
// CHECK-HELP-DAG: --check
// CHECK-HELP-DAG: --expected=<r0.npy,r1.npy>
// CHECK-HELP-DAG: --output-npy=<prefix>
// CHECK-HELP-DAG: --repeat=<N>
// CHECK-HELP-DAG: --pipeline-options=<options>
// CHECK-HELP-DAG: --target-cpu=<string>
// CHECK-HELP-DAG: --target-features=<string>
// CHECK-HELP-DAG: --arg-shape=<index=2x8x77x64>
// CHECK-HELP-DAG: --function=<name>
// CHECK-HELP-DAG: --init=<value>
// CHECK-HELP-DAG: --input=<file|TYPE=VALUES|random>
// CHECK-HELP-DAG: --inputs=<a.npy,b.npy>
// CHECK-HELP-DAG: --mask-fill=<value>
// CHECK-HELP-DAG: --seed=<ulong>
// CHECK-HELP-NOT: --print-after
// CHECK-HELP-NOT: --x86-
// RUN: attn-compile --help | FileCheck %s --check-prefix=CHECK-CHELP
// CHECK-CHELP: USAGE: attn-compile [options] <input .mlir file>
// CHECK-CHELP-DAG: -o <file>
// CHECK-CHELP-DAG: --header=<file.h>
// CHECK-CHELP-DAG: --function=<name>
// CHECK-CHELP-DAG: --target-cpu=<string>
// CHECK-CHELP-DAG: --target-features=<string>
// CHECK-CHELP-DAG: --pipeline-options=<options>
// CHECK-CHELP-DAG: --cc=<string>

func.func @matmul(%a: tensor<4x8xf32>, %b: tensor<8x3xf32>) -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>)
      -> tensor<4x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x3xf32>)
      outs(%z : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

func.func @two_results(%a: tensor<3x4xbf16>, %keep: tensor<4xi1>)
    -> (tensor<3x4xbf16>, tensor<3x4xf32>) {
  %e = tensor.empty() : tensor<3x4xbf16>
  %f = tensor.empty() : tensor<3x4xf32>
  %r:2 = linalg.generic {
      indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>,
                       affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
      iterator_types = ["parallel", "parallel"]}
      ins(%a, %keep : tensor<3x4xbf16>, tensor<4xi1>)
      outs(%e, %f : tensor<3x4xbf16>, tensor<3x4xf32>) {
  ^bb0(%x: bf16, %k: i1, %o0: bf16, %o1: f32):
    %zero = arith.constant 0.0 : bf16
    %y = arith.select %k, %x, %zero : bf16
    %w = arith.extf %y : bf16 to f32
    %two = arith.constant 2.0 : f32
    %z = arith.mulf %w, %two : f32
    linalg.yield %y, %z : bf16, f32
  } -> (tensor<3x4xbf16>, tensor<3x4xf32>)
  return %r#0, %r#1 : tensor<3x4xbf16>, tensor<3x4xf32>
}
