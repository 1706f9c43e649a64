// attn-pack-query-groups: a decoding step's GQA query-head groups become
// the rows of one query block (reshapes of Q and O around an MHA sdpa).
// RUN: attn-opt %s --attn-pack-query-groups -split-input-file | FileCheck %s
// The pass composes with --pass-pipeline too.
// RUN: attn-opt %s --pass-pipeline="builtin.module(func.func(attn-pack-query-groups))" -split-input-file | FileCheck %s

// 32 query heads over 8 KV heads: groups of 4. A single row's bottom-right
// causal mask hides nothing, so `causal` goes.
// CHECK-LABEL: func.func @decode_gqa
// CHECK: %[[QC:.*]] = tensor.collapse_shape %arg0 {{\[}}[0], [1, 2], [3]] : tensor<2x32x1x64xf32> into tensor<2x32x64xf32>
// CHECK: %[[QE:.*]] = tensor.expand_shape %[[QC]] {{\[}}[0], [1, 2], [3]] output_shape [2, 8, 4, 64] : tensor<2x32x64xf32> into tensor<2x8x4x64xf32>
// The new op is marked as packed heads, for attn-tile's decoding defaults.
// CHECK: %[[O:.*]] = attn.sdpa %[[QE]], %arg1, %arg2 {attn.packed_query_heads = 4 : i64} : tensor<2x8x4x64xf32>, tensor<2x8x?x64xf32>, tensor<2x8x?x64xf32> -> tensor<2x8x4x64xf32>
// CHECK: %[[OC:.*]] = tensor.collapse_shape %[[O]] {{\[}}[0], [1, 2], [3]] : tensor<2x8x4x64xf32> into tensor<2x32x64xf32>
// CHECK: %[[OE:.*]] = tensor.expand_shape %[[OC]] {{\[}}[0], [1, 2], [3]] output_shape [2, 32, 1, 64] : tensor<2x32x64xf32> into tensor<2x32x1x64xf32>
// CHECK: return %[[OE]]
func.func @decode_gqa(%q: tensor<2x32x1x64xf32>, %k: tensor<2x8x?x64xf32>, %v: tensor<2x8x?x64xf32>) -> tensor<2x32x1x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<2x32x1x64xf32>, tensor<2x8x?x64xf32>, tensor<2x8x?x64xf32> -> tensor<2x32x1x64xf32>
  return %o : tensor<2x32x1x64xf32>
}

// -----

// A mask per query head is reshaped like Q; the scale and a causal offset
// that covers every key (Skv = 100, offset 99) carry over / go.
// CHECK-LABEL: func.func @per_head_mask
// CHECK: %[[MC:.*]] = tensor.collapse_shape %arg3 {{\[}}[0], [1, 2], [3]] : tensor<?x4x1x100xi1> into tensor<?x4x100xi1>
// CHECK: %[[DIM:.*]] = tensor.dim %arg3, %c0 : tensor<?x4x1x100xi1>
// CHECK: %[[ME:.*]] = tensor.expand_shape %[[MC]] {{\[}}[0], [1, 2], [3]] output_shape [%[[DIM]], 1, 4, 100] : tensor<?x4x100xi1> into tensor<?x1x4x100xi1>
// CHECK: attn.sdpa %{{.*}}, %arg1, %arg2 mask(%[[ME]] : tensor<?x1x4x100xi1>) scale = 5.000000e-01 {attn.packed_query_heads = 4 : i64} : tensor<?x1x4x16xf16>
// CHECK-NOT: causal
func.func @per_head_mask(%q: tensor<?x4x1x16xf16>, %k: tensor<?x1x100x16xf16>, %v: tensor<?x1x100x16xf16>,
                         %m: tensor<?x4x1x100xi1>) -> tensor<?x4x1x16xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x4x1x100xi1>) causal offset = 99 scale = 0.5
      : tensor<?x4x1x16xf16>, tensor<?x1x100x16xf16>, tensor<?x1x100x16xf16> -> tensor<?x4x1x16xf16>
  return %o : tensor<?x4x1x16xf16>
}

// -----

// A mask that broadcasts over heads and queries stays as it is.
// CHECK-LABEL: func.func @broadcast_mask
// CHECK-NOT: tensor.collapse_shape %arg3
// CHECK: attn.sdpa %{{.*}}, %arg1, %arg2 mask(%arg3 : tensor<1x1x1x50xf32>) {{.*}}: tensor<1x2x3x8xf32>
// So do masks over the keys only (rank 1) and over (query, key) (rank 2).
// CHECK: attn.sdpa %{{.*}}, %arg1, %arg2 mask(%arg4 : tensor<50xi1>) {{.*}}: tensor<1x2x3x8xf32>
// CHECK: attn.sdpa %{{.*}}, %arg1, %arg2 mask(%arg5 : tensor<1x50xf32>) {{.*}}: tensor<1x2x3x8xf32>
func.func @broadcast_mask(%q: tensor<1x6x1x8xf32>, %k: tensor<1x2x50x8xf32>, %v: tensor<1x2x50x8xf32>,
                          %m: tensor<1x1x1x50xf32>, %m1: tensor<50xi1>, %m2: tensor<1x50xf32>)
    -> (tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>) {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x50xf32>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  %o1 = attn.sdpa %q, %k, %v mask(%m1 : tensor<50xi1>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  %o2 = attn.sdpa %q, %k, %v mask(%m2 : tensor<1x50xf32>) : tensor<1x6x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x6x1x8xf32>
  return %o, %o1, %o2 : tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>, tensor<1x6x1x8xf32>
}

// -----

// Left alone: more than one query row; no groups (MHA); a causal offset
// that hides keys from the row; a causal offset with a dynamic key length
// (it may hide keys); a mask whose query dim is dynamic (its run-time size
// must be Sq, which packing changes).
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: tensor.collapse_shape
// CHECK-COUNT-5: attn.sdpa %arg
// CHECK-NOT: tensor.expand_shape
func.func @left_alone(%q2: tensor<1x4x2x8xf32>, %q1: tensor<1x4x1x8xf32>, %k: tensor<1x2x50x8xf32>,
                      %k4: tensor<1x4x50x8xf32>, %md: tensor<1x4x?x50xf32>, %kd: tensor<1x2x?x8xf32>)
    -> (tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>) {
  %a = attn.sdpa %q2, %k, %k : tensor<1x4x2x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x2x8xf32>
  %b = attn.sdpa %q1, %k4, %k4 : tensor<1x4x1x8xf32>, tensor<1x4x50x8xf32>, tensor<1x4x50x8xf32> -> tensor<1x4x1x8xf32>
  %c = attn.sdpa %q1, %k, %k causal offset = 10 : tensor<1x4x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x1x8xf32>
  %d = attn.sdpa %q1, %k, %k mask(%md : tensor<1x4x?x50xf32>) : tensor<1x4x1x8xf32>, tensor<1x2x50x8xf32>, tensor<1x2x50x8xf32> -> tensor<1x4x1x8xf32>
  %e = attn.sdpa %q1, %kd, %kd causal offset = 1000 : tensor<1x4x1x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32> -> tensor<1x4x1x8xf32>
  return %a, %b, %c, %d, %e : tensor<1x4x2x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>, tensor<1x4x1x8xf32>
}
