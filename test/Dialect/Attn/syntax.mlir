// The optional clauses of attn.sdpa and attn.mha parse in any order, both
// ops spell the mask mask(%m : type), attn.mha's num_kv_heads defaults to
// num_heads, and every older spelling still parses; the printer writes one
// canonical form, which parses back to the same op.
// RUN: attn-opt %s -split-input-file | FileCheck %s
// RUN: attn-opt %s -split-input-file | attn-opt -split-input-file | FileCheck %s
// RUN: attn-opt %s -split-input-file --mlir-print-op-generic | attn-opt -split-input-file | FileCheck %s

// CHECK-LABEL: func.func @sdpa_orders
// The canonical order: mask, causal, offset, scale.
// CHECK-COUNT-5: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<1x1x1x8xi1>) causal offset = 0 scale = 5.000000e-01 : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
// CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} causal : tensor<1x2x8x16xf32>
// CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<1x1x1x8xi1>) {note = "kept"} : tensor<1x2x8x16xf32>
func.func @sdpa_orders(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
                       %v: tensor<1x2x8x16xf32>, %m: tensor<1x1x1x8xi1>) {
  // The order the printer writes (the only one accepted before).
  %0 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) causal offset = 0 scale = 0.5
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %1 = attn.sdpa %q, %k, %v causal mask(%m : tensor<1x1x1x8xi1>) offset = 0 scale = 0.5
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %2 = attn.sdpa %q, %k, %v scale = 0.5 offset = 0 causal mask(%m : tensor<1x1x1x8xi1>)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %3 = attn.sdpa %q, %k, %v causal scale = 0.5 mask(%m : tensor<1x1x1x8xi1>) offset = 0
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  // Attributes in the dictionary are the same attributes.
  %4 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) {causal, causal_offset = 0 : i64, scale = 0.5 : f32}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  %5 = attn.sdpa %q, %k, %v causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  // Other (discardable) attributes stay in the dictionary.
  %6 = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x8xi1>) {note = "kept"}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}

// -----

// CHECK-LABEL: func.func @mha_spellings
// Canonical: name, input, kv, weights, biases, mask(%m : type), num_heads,
// num_kv_heads, head_dim, causal, offset, scale; the mask's type is in its
// clause and not in the list after ':'.
// CHECK-COUNT-6: attn.mha name "l0" %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) bias_q(%{{.*}}) mask(%{{.*}} : tensor<1x1x1x8xi1>) num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 2.500000e-01 : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
func.func @mha_spellings(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>,
                         %b: tensor<16xf32>, %m: tensor<1x1x1x8xi1>) {
  // The older spelling: mask(%m), its type last in the list.
  %0 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  // attn.sdpa's spelling: the type in the clause, not in the list.
  %1 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  // The type in the clause and in the list (they agree).
  %2 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) num_kv_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  // num_kv_heads left out: num_heads.
  %3 = attn.mha name "l0" %x weights(%w, %w, %w, %w) bias_q(%b) mask(%m : tensor<1x1x1x8xi1>)
      num_heads(2) head_dim(8) causal scale = 0.25
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  // Clauses in another order, the name among them.
  %4 = attn.mha %x scale = 0.25 causal head_dim(8) num_heads(2) mask(%m : tensor<1x1x1x8xi1>)
      name "l0" bias_q(%b) weights(%w, %w, %w, %w)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x8x16xf32>
  %5 = attn.mha name "l0" %x num_kv_heads(2) head_dim(8) num_heads(2) mask(%m) causal
      weights(%w, %w, %w, %w) scale = 0.25 bias_q(%b)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x1x8xi1>) -> tensor<1x8x16xf32>
  return
}

// -----

// Cross-attention, GQA, every bias, an offset: the canonical order again.
// CHECK-LABEL: func.func @mha_cross
// CHECK: attn.mha %{{.*}} kv(%{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) bias_q(%{{.*}}) bias_k(%{{.*}}) bias_v(%{{.*}}) bias_o(%{{.*}}) mask(%{{.*}} : tensor<1x1x6x10xf32>) num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 2 : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<8xf32>, tensor<8xf32>, tensor<16xf32>) -> tensor<1x6x16xf32>
func.func @mha_cross(%x: tensor<1x6x16xf32>, %enc: tensor<1x10x12xf32>,
                     %wq: tensor<16x16xf32>, %wkv: tensor<12x8xf32>, %wo: tensor<16x16xf32>,
                     %b16: tensor<16xf32>, %b8: tensor<8xf32>, %m: tensor<1x1x6x10xf32>) {
  %0 = attn.mha %x offset = 2 bias_o(%b16) bias_v(%b8) causal bias_k(%b8) bias_q(%b16)
      mask(%m : tensor<1x1x6x10xf32>) head_dim(4) num_kv_heads(2) num_heads(4)
      weights(%wq, %wkv, %wkv, %wo) kv(%enc)
      : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>,
         tensor<12x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<8xf32>, tensor<8xf32>,
         tensor<16xf32>) -> tensor<1x6x16xf32>
  return
}

// -----

// More spellings files in the wild use: attn.mha's older mask(%m) with kv
// and a bias before it (the mask's type last in the list), the inherent
// attributes in the dictionary, an f32 mask, offset before causal.
// CHECK-LABEL: func.func @more_spellings
// CHECK: attn.mha name "x" %{{.*}} kv(%{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) bias_o(%{{.*}}) mask(%{{.*}} : tensor<1x1x6x10xf32>) num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 2 scale = 5.000000e-01 : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<1x6x16xf32>
// CHECK: attn.mha name "x" %{{.*}} kv(%{{.*}}) weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 2 scale = 5.000000e-01 : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>, tensor<12x8xf32>, tensor<16x16xf32>) -> tensor<1x6x16xf32>
// CHECK: attn.mha %{{.*}} weights(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) num_heads(4) num_kv_heads(4) head_dim(4) : (tensor<1x6x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x6x16xf32>
// CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<1x1x6x6xf32>) scale = 2.500000e-01 : tensor<1x4x6x4xf32>
// CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} causal offset = 3 : tensor<1x4x6x4xf32>
func.func @more_spellings(%x: tensor<1x6x16xf32>, %enc: tensor<1x10x12xf32>,
                          %wq: tensor<16x16xf32>, %wkv: tensor<12x8xf32>,
                          %wo: tensor<16x16xf32>, %b16: tensor<16xf32>,
                          %m: tensor<1x1x6x10xf32>, %q: tensor<1x4x6x4xf32>,
                          %ms: tensor<1x1x6x6xf32>) {
  %0 = attn.mha name "x" %x kv(%enc) weights(%wq, %wkv, %wkv, %wo) bias_o(%b16) mask(%m)
      num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 2 scale = 0.5
      : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>,
         tensor<12x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<1x1x6x10xf32>) -> tensor<1x6x16xf32>
  %1 = attn.mha %x kv(%enc) weights(%wq, %wkv, %wkv, %wo) num_heads(4) num_kv_heads(2) head_dim(4)
      {causal, causal_offset = 2 : i64, scale = 5.0e-01 : f32, name = "x"}
      : (tensor<1x6x16xf32>, tensor<1x10x12xf32>, tensor<16x16xf32>, tensor<12x8xf32>,
         tensor<12x8xf32>, tensor<16x16xf32>) -> tensor<1x6x16xf32>
  %2 = attn.mha %x weights(%wq, %wq, %wq, %wo) num_heads(4) head_dim(4) {num_kv_heads = 4 : i64}
      : (tensor<1x6x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x6x16xf32>
  %3 = attn.sdpa %q, %q, %q mask(%ms : tensor<1x1x6x6xf32>) scale = 0.25
      : tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32> -> tensor<1x4x6x4xf32>
  %4 = attn.sdpa %q, %q, %q offset = 3 causal
      : tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32>, tensor<1x4x6x4xf32> -> tensor<1x4x6x4xf32>
  return
}
