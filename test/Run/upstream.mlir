// attn-run's machinery on plain upstream functions (no attn op): .npy in
// and out, results checked against values computed independently
// (Inputs/npy.py --matmul, in double), several results, i1 arguments,
// timing and --help.

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/a.npy '<f4' 4x8 ramp:-1:0.125
// RUN: python3 %S/Inputs/npy.py %t/b.npy '<f4' 8x3 sin:2:0.7:0.1
// RUN: python3 %S/Inputs/npy.py --matmul %t/a.npy %t/b.npy %t/ab.npy
// RUN: attn-run %s --function matmul --inputs %t/a.npy,%t/b.npy --expected %t/ab.npy --output-npy %t/mm --repeat 3 | FileCheck %s --check-prefix=MM
// RUN: attn-run %s --function matmul --input %t/a.npy --input %t/b.npy --expected %t/mm0.npy | FileCheck %s --check-prefix=ROUNDTRIP

// MM:      @matmul: .npy inputs
// MM-NEXT: result 0: 4x3 f32 (tensor<4x3xf32>)
// MM:      expected ({{.*}}ab.npy): result 0: max abs err {{.*}} PASS
// MM-NEXT: time: median {{.*}} ms over 3 runs {{.*}}; {{.*}} GFLOP/s (192 FLOP per call)
// ROUNDTRIP: expected ({{.*}}mm0.npy): result 0: max abs err 0, max rel err 0 {{.*}} PASS

// Two results of two types, from a bf16 and an i1 argument; all-true masks
// keep every element, so result 1 is twice result 0.
// RUN: attn-run %s --function two_results --init small-int --mask-fill true --output-npy %t/two | FileCheck %s --check-prefix=TWO
// RUN: attn-run %s --function two_results --init small-int --mask-fill true --expected %t/two0.npy,%t/two1.npy | FileCheck %s --check-prefix=TWOEXP
// TWO:      @two_results: random small-int inputs (seed 0)
// TWO-NEXT: result 0: 3x4 bf16 (tensor<3x4xbf16>)
// TWO-NEXT:   [1, 2, 0, 0, ..., 1, 0]  mean 0.583333  max|x| 2
// TWO-NEXT: result 1: 3x4 f32 (tensor<3x4xf32>)
// TWO-NEXT:   [2, 4, 0, 0, ..., 2, 0]  mean 1.16667  max|x| 4
// TWOEXP: result 0: max abs err 0, {{.*}} PASS
// TWOEXP: result 1: max abs err 0, {{.*}} PASS

// Every flag is documented; LLVM's own are not listed.
// RUN: attn-run --help | FileCheck %s --check-prefix=HELP
// HELP: USAGE: attn-run [options] <input .mlir file>
// HELP-DAG: --check
// HELP-DAG: --expected=<r0.npy,r1.npy>
// HELP-DAG: --output-npy=<prefix>
// HELP-DAG: --repeat=<N>
// HELP-DAG: --pipeline-options=<options>
// HELP-DAG: --target-cpu=<string>
// HELP-DAG: --target-features=<string>
// HELP-DAG: --test-inject-bug=<kind>
// HELP-DAG: --arg-shape=<index=2x8x77x64>
// HELP-DAG: --function=<name>
// HELP-DAG: --init=<value>
// HELP-DAG: --input=<file>
// HELP-DAG: --inputs=<a.npy,b.npy>
// HELP-DAG: --mask-fill=<value>
// HELP-DAG: --seed=<ulong>
// HELP-NOT: --print-after
// HELP-NOT: --x86-
// RUN: attn-compile --help | FileCheck %s --check-prefix=CHELP
// CHELP: USAGE: attn-compile [options] <input .mlir file>
// CHELP-DAG: -o <file>
// CHELP-DAG: --header=<file.h>
// CHELP-DAG: --function=<name>
// CHELP-DAG: --target-cpu=<string>
// CHELP-DAG: --target-features=<string>
// CHELP-DAG: --pipeline-options=<options>
// CHELP-DAG: --cc=<string>

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
