// attn-share-weights: weights with identical contents become one attn.weight,
// whatever attribute holds them (dense_resource blobs under different names,
// splats); weights that differ in one element, in element type or in shape
// are left alone.
// RUN: attn-opt %s -split-input-file --attn-share-weights | FileCheck %s
// RUN: attn-opt %s -split-input-file --attn-share-weights=constants=false | FileCheck %s --check-prefix=NOCONST
// RUN: attn-opt %s -split-input-file --attn-share-weights=transposes=true | FileCheck %s --check-prefix=TRANSPOSE

// Three layers' copies of one blob (1..8 as f32) are one weight, the first
// (its users in every function now read it); the near misses keep their
// own: one element different, the same 32 bytes as f16 or bf16, the same
// values as 4x2 or 8.
// CHECK:       attn.weight @l0.wq = dense_resource<l0_wq> : tensor<2x4xf32>
// CHECK-NEXT:  attn.weight @one_element_different = dense_resource<one_element_different> : tensor<2x4xf32>
// CHECK-NEXT:  attn.weight @same_bytes_f16 = dense_resource<same_bytes_f16> : tensor<2x8xf16>
// CHECK-NEXT:  attn.weight @same_bytes_bf16 = dense_resource<same_bytes_bf16> : tensor<2x8xbf16>
// CHECK-NEXT:  attn.weight @same_values_4x2 = dense_resource<same_values_4x2> : tensor<4x2xf32>
// CHECK-NEXT:  attn.weight @same_values_8 = dense_resource<same_values_8> : tensor<8xf32>
// CHECK-NOT:   attn.weight
// CHECK-LABEL: func.func @layers
// CHECK-NEXT:  %[[A:.+]] = attn.weight_ref @l0.wq : tensor<2x4xf32>
// CHECK-NEXT:  %[[B:.+]] = attn.weight_ref @l0.wq : tensor<2x4xf32>
// CHECK-NEXT:  %[[C:.+]] = attn.weight_ref @l0.wq : tensor<2x4xf32>
// CHECK-NEXT:  %[[D:.+]] = attn.weight_ref @one_element_different : tensor<2x4xf32>
// CHECK-NEXT:  return %[[A]], %[[B]], %[[C]], %[[D]]
// CHECK-LABEL: func.func @near_misses
// CHECK-NEXT:  attn.weight_ref @same_bytes_f16 : tensor<2x8xf16>
// CHECK-NEXT:  attn.weight_ref @same_bytes_bf16 : tensor<2x8xbf16>
// CHECK-NEXT:  attn.weight_ref @same_values_4x2 : tensor<4x2xf32>
// CHECK-NEXT:  attn.weight_ref @same_values_8 : tensor<8xf32>
// CHECK-LABEL: func.func @other_function
// CHECK-NEXT:  attn.weight_ref @l0.wq : tensor<2x4xf32>
// The removed weights' blobs are no longer printed.
// CHECK:       dialect_resources
// CHECK-NOT:   l1_wq
// CHECK-NOT:   l2_wq
// CHECK:       #-}
attn.weight @l0.wq = dense_resource<l0_wq> : tensor<2x4xf32>
attn.weight @l1.wq = dense_resource<l1_wq> : tensor<2x4xf32>
attn.weight @one_element_different = dense_resource<one_element_different> : tensor<2x4xf32>
attn.weight @same_bytes_f16 = dense_resource<same_bytes_f16> : tensor<2x8xf16>
attn.weight @same_bytes_bf16 = dense_resource<same_bytes_bf16> : tensor<2x8xbf16>
attn.weight @same_values_4x2 = dense_resource<same_values_4x2> : tensor<4x2xf32>
attn.weight @same_values_8 = dense_resource<same_values_8> : tensor<8xf32>
attn.weight @l2.wq = dense_resource<l2_wq> : tensor<2x4xf32>
func.func @layers() -> (tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>) {
  %a = attn.weight_ref @l0.wq : tensor<2x4xf32>
  %b = attn.weight_ref @l1.wq : tensor<2x4xf32>
  %c = attn.weight_ref @l2.wq : tensor<2x4xf32>
  %d = attn.weight_ref @one_element_different : tensor<2x4xf32>
  return %a, %b, %c, %d : tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>, tensor<2x4xf32>
}
func.func @near_misses() -> (tensor<2x8xf16>, tensor<2x8xbf16>, tensor<4x2xf32>, tensor<8xf32>) {
  %a = attn.weight_ref @same_bytes_f16 : tensor<2x8xf16>
  %b = attn.weight_ref @same_bytes_bf16 : tensor<2x8xbf16>
  %c = attn.weight_ref @same_values_4x2 : tensor<4x2xf32>
  %d = attn.weight_ref @same_values_8 : tensor<8xf32>
  return %a, %b, %c, %d : tensor<2x8xf16>, tensor<2x8xbf16>, tensor<4x2xf32>, tensor<8xf32>
}
func.func @other_function() -> tensor<2x4xf32> {
  %a = attn.weight_ref @l1.wq : tensor<2x4xf32>
  return %a : tensor<2x4xf32>
}
{-#
  dialect_resources: {
    builtin: {
      l0_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      l1_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      one_element_different: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000001041",
      same_bytes_f16: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_bytes_bf16: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_values_4x2: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      same_values_8: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      l2_wq: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041"
    }
  }
#-}

// -----

// Splats: a blob of equal elements matches the splat of that value (the
// splat, first, is kept); -0.0 is not 0.0; a splat of another element type or
// shape is another weight. Every element type: two equal f16 blobs merge, so
// do two equal bf16 blobs (the same bytes as the f16 ones, kept apart).
// CHECK:       attn.weight @zero = dense<0.000000e+00> : tensor<4xf32>
// CHECK-NEXT:  attn.weight @negative_zero = dense_resource<negative_zero> : tensor<4xf32>
// CHECK-NEXT:  attn.weight @one = dense<1.000000e+00> : tensor<4xf32>
// CHECK-NEXT:  attn.weight @one_f16 = dense<1.000000e+00> : tensor<4xf16>
// CHECK-NEXT:  attn.weight @one_2x2 = dense<1.000000e+00> : tensor<2x2xf32>
// CHECK-NEXT:  attn.weight @h0 = dense_resource<h0> : tensor<4xf16>
// CHECK-NEXT:  attn.weight @b0 = dense_resource<b0> : tensor<4xbf16>
// CHECK-NOT:   attn.weight
// CHECK-LABEL: func.func @splats
// CHECK-NEXT:  attn.weight_ref @zero : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @zero : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @negative_zero : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @one : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @one : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @one_f16 : tensor<4xf16>
// CHECK-NEXT:  attn.weight_ref @one_2x2 : tensor<2x2xf32>
// CHECK-NEXT:  attn.weight_ref @h0 : tensor<4xf16>
// CHECK-NEXT:  attn.weight_ref @h0 : tensor<4xf16>
// CHECK-NEXT:  attn.weight_ref @b0 : tensor<4xbf16>
// CHECK-NEXT:  attn.weight_ref @b0 : tensor<4xbf16>
attn.weight @zero = dense<0.0> : tensor<4xf32>
attn.weight @zero_blob = dense_resource<zero_blob> : tensor<4xf32>
attn.weight @negative_zero = dense_resource<negative_zero> : tensor<4xf32>
attn.weight @one = dense<1.0> : tensor<4xf32>
attn.weight @one_blob = dense_resource<one_blob> : tensor<4xf32>
attn.weight @one_f16 = dense<1.0> : tensor<4xf16>
attn.weight @one_2x2 = dense<1.0> : tensor<2x2xf32>
attn.weight @h0 = dense_resource<h0> : tensor<4xf16>
attn.weight @h1 = dense_resource<h1> : tensor<4xf16>
attn.weight @b0 = dense_resource<b0> : tensor<4xbf16>
attn.weight @b1 = dense_resource<b1> : tensor<4xbf16>
func.func @splats() -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<2x2xf32>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>, tensor<4xbf16>) {
  %0 = attn.weight_ref @zero : tensor<4xf32>
  %1 = attn.weight_ref @zero_blob : tensor<4xf32>
  %2 = attn.weight_ref @negative_zero : tensor<4xf32>
  %3 = attn.weight_ref @one : tensor<4xf32>
  %4 = attn.weight_ref @one_blob : tensor<4xf32>
  %5 = attn.weight_ref @one_f16 : tensor<4xf16>
  %6 = attn.weight_ref @one_2x2 : tensor<2x2xf32>
  %7 = attn.weight_ref @h0 : tensor<4xf16>
  %8 = attn.weight_ref @h1 : tensor<4xf16>
  %9 = attn.weight_ref @b0 : tensor<4xbf16>
  %10 = attn.weight_ref @b1 : tensor<4xbf16>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf16>, tensor<2x2xf32>, tensor<4xf16>, tensor<4xf16>, tensor<4xbf16>, tensor<4xbf16>
}
{-#
  dialect_resources: {
    builtin: {
      zero_blob: "0x0400000000000000000000000000000000000000",
      negative_zero: "0x0400000000000080000000800000008000000080",
      one_blob: "0x040000000000803F0000803F0000803F0000803F",
      h0: "0x02000000003C004000420044",
      h1: "0x02000000003C004000420044",
      b0: "0x02000000003C004000420044",
      b1: "0x02000000003C004000420044"
    }
  }
#-}

// -----

// Constants that could be weights: one equal to a weight reads the weight;
// two equal to each other (in two functions) become a new weight named after
// the first one's blob, as do two equal non-splat dense<...> constants
// (named shared_weight). A splat constant is a fill and stays; so does a
// constant without a copy. constants=false leaves every constant alone.
// CHECK:       attn.weight @shared_weight = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-NEXT:  attn.weight @c0 = dense_resource<c0> : tensor<4xf32>
// CHECK-NEXT:  attn.weight @w = dense_resource<w> : tensor<2x4xf32>
// CHECK-NOT:   attn.weight
// CHECK-LABEL: func.func @constants
// CHECK-NEXT:  %[[W:.+]] = attn.weight_ref @w : tensor<2x4xf32>
// CHECK-NEXT:  %[[C:.+]] = attn.weight_ref @c0 : tensor<4xf32>
// CHECK-NEXT:  %[[D:.+]] = attn.weight_ref @shared_weight : tensor<2xf32>
// CHECK-NEXT:  %[[S:.+]] = arith.constant dense<1.000000e+00> : tensor<2x4xf32>
// CHECK-NEXT:  %[[U:.+]] = arith.constant dense_resource<unique> : tensor<4xf32>
// CHECK-NEXT:  %[[R:.+]] = attn.weight_ref @w : tensor<2x4xf32>
// CHECK-NEXT:  return %[[W]], %[[C]], %[[D]], %[[S]], %[[U]], %[[R]]
// CHECK-LABEL: func.func @more_constants
// CHECK-NEXT:  attn.weight_ref @c0 : tensor<4xf32>
// CHECK-NEXT:  attn.weight_ref @shared_weight : tensor<2xf32>
// NOCONST:       attn.weight @w = dense_resource<w> : tensor<2x4xf32>
// NOCONST-NOT:   attn.weight
// NOCONST-LABEL: func.func @constants
// NOCONST-NEXT:  attn.weight_ref @w
// NOCONST-NEXT:  arith.constant dense_resource<c0>
// NOCONST-NEXT:  arith.constant dense<[1.000000e+00, 2.000000e+00]>
// NOCONST-NEXT:  arith.constant dense<1.000000e+00>
// NOCONST-NEXT:  arith.constant dense_resource<unique>
// NOCONST-NEXT:  arith.constant dense_resource<w_copy>
// NOCONST-LABEL: func.func @more_constants
// NOCONST-NEXT:  arith.constant dense_resource<c1>
// NOCONST-NEXT:  arith.constant dense<[1.000000e+00, 2.000000e+00]>
attn.weight @w = dense_resource<w> : tensor<2x4xf32>
func.func @constants() -> (tensor<2x4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>) {
  %w = attn.weight_ref @w : tensor<2x4xf32>
  %c = arith.constant dense_resource<c0> : tensor<4xf32>
  %d = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %s = arith.constant dense<1.0> : tensor<2x4xf32>
  %u = arith.constant dense_resource<unique> : tensor<4xf32>
  %r = arith.constant dense_resource<w_copy> : tensor<2x4xf32>
  return %w, %c, %d, %s, %u, %r : tensor<2x4xf32>, tensor<4xf32>, tensor<2xf32>, tensor<2x4xf32>, tensor<4xf32>, tensor<2x4xf32>
}
func.func @more_constants() -> (tensor<4xf32>, tensor<2xf32>) {
  %c = arith.constant dense_resource<c1> : tensor<4xf32>
  %d = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  return %c, %d : tensor<4xf32>, tensor<2xf32>
}
{-#
  dialect_resources: {
    builtin: {
      w: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      w_copy: "0x040000000000803F0000004000004040000080400000A0400000C0400000E04000000041",
      c0: "0x040000000000803F0000803F0000803F00004040",
      c1: "0x040000000000803F0000803F0000803F00004040",
      unique: "0x0400000000000000000000000000000000000000"
    }
  }
#-}

// -----

// transposes=true: a weight equal to another's transpose reads the other
// through a linalg.transpose; without the option it stays.
// TRANSPOSE:       attn.weight @w = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// TRANSPOSE-NOT:   attn.weight
// TRANSPOSE-LABEL: func.func @tied
// TRANSPOSE-NEXT:  %[[W:.+]] = attn.weight_ref @w : tensor<2x3xf32>
// TRANSPOSE-NEXT:  %[[R:.+]] = attn.weight_ref @w : tensor<2x3xf32>
// TRANSPOSE-NEXT:  %[[E:.+]] = tensor.empty() : tensor<3x2xf32>
// TRANSPOSE-NEXT:  %[[T:.+]] = linalg.transpose ins(%[[R]] : tensor<2x3xf32>) outs(%[[E]] : tensor<3x2xf32>) permutation = [1, 0]
// TRANSPOSE-NEXT:  return %[[W]], %[[T]]
// CHECK:           attn.weight @w = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-NEXT:      attn.weight @w_transposed = dense<{{\[\[}}1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK-LABEL:     func.func @tied
// CHECK-NEXT:      attn.weight_ref @w : tensor<2x3xf32>
// CHECK-NEXT:      attn.weight_ref @w_transposed : tensor<3x2xf32>
attn.weight @w = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
attn.weight @w_transposed = dense<[[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]> : tensor<3x2xf32>
func.func @tied() -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %w = attn.weight_ref @w : tensor<2x3xf32>
  %t = attn.weight_ref @w_transposed : tensor<3x2xf32>
  return %w, %t : tensor<2x3xf32>, tensor<3x2xf32>
}

// -----

// A square weight equal to its own transpose stays; a transposed constant
// reads the weight transposed; a nested module is another symbol table and
// is left alone.
// TRANSPOSE:       attn.weight @sym = dense<{{\[\[}}1.000000e+00, 2.000000e+00], [2.000000e+00, 1.000000e+00]]> : tensor<2x2xf32>
// TRANSPOSE-NEXT:  attn.weight @v = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<1x3xf32>
// TRANSPOSE-LABEL: func.func @square
// TRANSPOSE-NEXT:  attn.weight_ref @sym
// TRANSPOSE-NEXT:  %[[R:.+]] = attn.weight_ref @v : tensor<1x3xf32>
// TRANSPOSE-NEXT:  %[[E:.+]] = tensor.empty() : tensor<3x1xf32>
// TRANSPOSE-NEXT:  linalg.transpose ins(%[[R]] : tensor<1x3xf32>) outs(%[[E]] : tensor<3x1xf32>) permutation = [1, 0]
// TRANSPOSE:       module @inner
// TRANSPOSE-NEXT:  attn.weight @v = dense
// TRANSPOSE-NEXT:  attn.weight @v_copy = dense
attn.weight @sym = dense<[[1.0, 2.0], [2.0, 1.0]]> : tensor<2x2xf32>
attn.weight @v = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
func.func @square() -> (tensor<2x2xf32>, tensor<3x1xf32>) {
  %s = attn.weight_ref @sym : tensor<2x2xf32>
  %t = arith.constant dense<[[1.0], [2.0], [3.0]]> : tensor<3x1xf32>
  return %s, %t : tensor<2x2xf32>, tensor<3x1xf32>
}
module @inner {
  attn.weight @v = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  attn.weight @v_copy = dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
}
