// Tests built to fail: each deliberately wrong attention (attn-run's
// test-only --test-inject-bug: the test-attn-inject-bug pass rewrites every
// attn.sdpa of the compiled route, never the reference) must make --check
// report FAIL and exit non-zero, on a case where that bug matters. The same
// cases without the bug pass, so the failures are the bugs'. The bugs are
// compiled through the flash-tiled route (the default) and, with
// tile=false, through the untiled lowering.
// REQUIRES: attn-test-passes

// The flag is there only in builds with the test passes.
// RUN: attn-run --help | FileCheck %s --check-prefix=CHECK-HELP
// CHECK-HELP: --test-inject-bug=<kind>
// RUN: not attn-run %s --function plain --test-inject-bug=typo 2>&1 | FileCheck %s --check-prefix=CHECK-TYPO
// CHECK-TYPO: unknown --test-inject-bug value 'typo' (expected wrong-scale, ignore-mask, wrong-grouping or causal-off-by-one)

// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=wrong-scale --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=ignore-mask --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=wrong-grouping --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=causal-off-by-one --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-FAIL

// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=wrong-scale | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=ignore-mask | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=wrong-grouping | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa_padded_causal --check --test-inject-bug=causal-off-by-one | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: attn-run %s --function gqa_padded_causal --check | FileCheck %s --check-prefix=CHECK-PASS

// Small integers too, and each bug alone on the smallest case it shows in.
// RUN: not attn-run %s --function plain --check --init small-int --test-inject-bug=wrong-scale | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function additive_neg_inf --check --test-inject-bug=ignore-mask | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function gqa --check --init small-int --test-inject-bug=wrong-grouping | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %s --function causal_top_left --check --test-inject-bug=causal-off-by-one | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: attn-run %s --function plain --check --test-inject-bug=ignore-mask | FileCheck %s --check-prefix=CHECK-PASS

// In f16 and bf16 too, whose tolerances are wider.
// RUN: not attn-run %S/dtypes.mlir --function f16_gqa --check --test-inject-bug=wrong-scale | FileCheck %s --check-prefix=CHECK-FAIL
// RUN: not attn-run %S/dtypes.mlir --function bf16_causal --check --test-inject-bug=causal-off-by-one | FileCheck %s --check-prefix=CHECK-FAIL

// Through a whole layer: the encoder example's key-padding mask.
// RUN: not attn-run %attn_src_root/examples/encoder_layer.mlir --check --test-inject-bug=ignore-mask | FileCheck %s --check-prefix=CHECK-FAIL

// CHECK-FAIL: reference: attn ops evaluated by attn::ref in double precision
// CHECK-FAIL-NEXT: result 0: max abs err {{.*}} FAIL: {{[0-9]+}} of {{[0-9]+}} elements out of tolerance; worst at [{{.*}}]: got {{.*}}, expected {{.*}}
// CHECK-PASS: result 0: max abs err {{.*}} PASS

func.func @gqa_padded_causal(%q: tensor<2x4x8x8xf32>, %k: tensor<2x2x8x8xf32>,
                             %v: tensor<2x2x8x8xf32>,
                             %pad: tensor<2x1x1x8xi1>)
    -> tensor<2x4x8x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<2x1x1x8xi1>) causal
      : tensor<2x4x8x8xf32>, tensor<2x2x8x8xf32>, tensor<2x2x8x8xf32>
      -> tensor<2x4x8x8xf32>
  return %o : tensor<2x4x8x8xf32>
}

func.func @plain(%q: tensor<1x2x6x8xf32>, %k: tensor<1x2x6x8xf32>,
                 %v: tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

func.func @additive_neg_inf(%q: tensor<1x1x2x4xf32>, %k: tensor<1x1x3x4xf32>,
                            %v: tensor<1x1x3x4xf32>) -> tensor<1x1x2x4xf32> {
  %m = arith.constant dense<[[0.0, 0xFF800000, 0.0],
                             [0xFF800000, 0.0, 0.0]]> : tensor<2x3xf32>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x3xf32>)
      : tensor<1x1x2x4xf32>, tensor<1x1x3x4xf32>, tensor<1x1x3x4xf32>
      -> tensor<1x1x2x4xf32>
  return %o : tensor<1x1x2x4xf32>
}

func.func @gqa(%q: tensor<1x8x4x8xf32>, %k: tensor<1x2x4x8xf32>,
               %v: tensor<1x2x4x8xf32>) -> tensor<1x8x4x8xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x8x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x8x4x8xf32>
  return %o : tensor<1x8x4x8xf32>
}

func.func @causal_top_left(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x6x8xf32>,
                           %v: tensor<1x1x6x8xf32>) -> tensor<1x1x4x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0
      : tensor<1x1x4x8xf32>, tensor<1x1x6x8xf32>, tensor<1x1x6x8xf32>
      -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}
