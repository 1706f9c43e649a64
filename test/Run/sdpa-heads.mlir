// attn.sdpa through attn-cpu-pipeline, run by attn-run and compared with the
// double-precision reference: head grouping (MHA, GQA, MQA), batch > 1 and
// sizes that are multiples of nothing, on normal and small-integer inputs.

// RUN: attn-run %s --function mha --check | FileCheck %s --check-prefixes=CHECK,PASS
// RUN: attn-run %s --function mha --check --init small-int --seed 3 | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function gqa --check | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function gqa --check --init small-int | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function mqa --check --seed 7 | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function batch3 --check | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function odd_sizes --check | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function odd_sizes --check --init small-int | FileCheck %s --check-prefix=PASS
// RUN: attn-run %s --function scaled --check | FileCheck %s --check-prefix=PASS

// CHECK: @mha: random normal inputs (seed 0)
// CHECK-NEXT: result 0: 1x4x16x16 f32 (tensor<1x4x16x16xf32>)
// PASS: reference: attn ops evaluated by attn::ref in double precision; 0 upstream ops compiled with upstream lowering
// PASS-NEXT: result 0: max abs err {{.*}} (f32: atol 1e-05, rtol 0.0001) PASS

func.func @mha(%q: tensor<1x4x16x16xf32>, %k: tensor<1x4x16x16xf32>,
               %v: tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>
      -> tensor<1x4x16x16xf32>
  return %o : tensor<1x4x16x16xf32>
}

// Grouped-query: 8 query heads, 2 key/value heads (heads 0-3 read KV 0).
func.func @gqa(%q: tensor<1x8x12x16xf32>, %k: tensor<1x2x12x16xf32>,
               %v: tensor<1x2x12x16xf32>) -> tensor<1x8x12x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x8x12x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32>
      -> tensor<1x8x12x16xf32>
  return %o : tensor<1x8x12x16xf32>
}

// Multi-query: one key/value head for all query heads; Dv != D.
func.func @mqa(%q: tensor<1x6x10x16xf32>, %k: tensor<1x1x10x16xf32>,
               %v: tensor<1x1x10x24xf32>) -> tensor<1x6x10x24xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x6x10x16xf32>, tensor<1x1x10x16xf32>, tensor<1x1x10x24xf32>
      -> tensor<1x6x10x24xf32>
  return %o : tensor<1x6x10x24xf32>
}

func.func @batch3(%q: tensor<3x4x9x8xf32>, %k: tensor<3x2x13x8xf32>,
                  %v: tensor<3x2x13x8xf32>) -> tensor<3x4x9x8xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<3x4x9x8xf32>, tensor<3x2x13x8xf32>, tensor<3x2x13x8xf32>
      -> tensor<3x4x9x8xf32>
  return %o : tensor<3x4x9x8xf32>
}

// S = 77, D = 80: no size is a multiple of a vector or tile width.
func.func @odd_sizes(%q: tensor<1x2x77x80xf32>, %k: tensor<1x2x77x80xf32>,
                     %v: tensor<1x2x77x80xf32>) -> tensor<1x2x77x80xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x2x77x80xf32>, tensor<1x2x77x80xf32>, tensor<1x2x77x80xf32>
      -> tensor<1x2x77x80xf32>
  return %o : tensor<1x2x77x80xf32>
}

// An explicit scale instead of 1/sqrt(D).
func.func @scaled(%q: tensor<2x2x8x16xf32>, %k: tensor<2x2x8x16xf32>,
                  %v: tensor<2x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  %o = attn.sdpa %q, %k, %v scale = 5.000000e-01
      : tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<2x2x8x16xf32>
      -> tensor<2x2x8x16xf32>
  return %o : tensor<2x2x8x16xf32>
}
