// Canonicalization drops operands that do nothing, and only those.
// RUN: attn-opt %s -canonicalize -split-input-file | FileCheck %s

// Operands are matched as single SSA names, so a mask left in place fails.
// CHECK-LABEL: func.func @all_true_mask
// CHECK: attn.sdpa %{{[^ ,]+}}, %{{[^ ,]+}}, %{{[^ ,]+}} causal :
func.func @all_true_mask(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %m = arith.constant dense<true> : tensor<8x8xi1>
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<8x8xi1>) causal : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// CHECK-LABEL: func.func @zero_additive_mask
// CHECK: attn.sdpa %{{[^ ,]+}}, %{{[^ ,]+}}, %{{[^ ,]+}} :
func.func @zero_additive_mask(%q: tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xf16> {
  %m = arith.constant dense<0.0> : tensor<1x1x8x8xf32>
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<1x1x8x8xf32>) : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xf16>
  return %o : tensor<1x2x8x16xf16>
}

// -----

// Masks that do something stay: a keep-mask that is not all true (mixed,
// or all false: every row becomes zeros), a splat
// -inf bias (it masks every key, so every row becomes zeros), a mask that is
// not a constant.
// CHECK-LABEL: func.func @masks_that_stay
// CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<8x8xi1>)
// CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<8x8xi1>)
// CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<8x8xf32>)
// CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<8x8xf32>)
func.func @masks_that_stay(%q: tensor<1x2x8x16xf32>, %arg: tensor<8x8xf32>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) {
  %none = arith.constant dense<false> : tensor<8x8xi1>
  %m0 = arith.constant dense<[[true, false, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true], [true, true, true, true, true, true, true, true]]> : tensor<8x8xi1>
  %m1 = arith.constant dense<0xFF800000> : tensor<8x8xf32>
  %a = attn.sdpa %q, %q, %q mask(%m0 : tensor<8x8xi1>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %f = attn.sdpa %q, %q, %q mask(%none : tensor<8x8xi1>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %b = attn.sdpa %q, %q, %q mask(%m1 : tensor<8x8xf32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %c = attn.sdpa %q, %q, %q mask(%arg : tensor<8x8xf32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %a, %f, %b, %c : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
}

// -----

// Zero biases and an all-true mask leave attn.mha; a non-zero bias stays.
// CHECK-LABEL: func.func @mha_zero_bias
// CHECK: %[[BO:.*]] = arith.constant dense<1.000000e+00> : tensor<16xf32>
// CHECK: attn.mha %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) bias_o(%[[BO]]) num_heads(2)
func.func @mha_zero_bias(%x: tensor<1x4x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x4x16xf32> {
  %z = arith.constant dense<0.0> : tensor<16xf32>
  %one = arith.constant dense<1.0> : tensor<16xf32>
  %m = arith.constant dense<true> : tensor<1x1x1x4xi1>
  %y = attn.mha %x weights(%w, %w, %w, %w) bias_q(%z) bias_k(%z) bias_v(%z) bias_o(%one) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x4x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<1x1x1x4xi1>) -> tensor<1x4x16xf32>
  return %y : tensor<1x4x16xf32>
}
