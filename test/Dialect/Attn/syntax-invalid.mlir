// Syntax errors of attn.sdpa and attn.mha say what is expected.
// RUN: attn-opt %s -split-input-file -verify-diagnostics

func.func @unknown_clause(%q: tensor<1x2x8x16xf32>) {
  // expected-error @+1 {{unknown clause 'causl' in attn.sdpa: expected 'mask', 'causal', 'offset' or 'scale' (in any order), an attribute dictionary or ':' and the types}}
  %0 = attn.sdpa %q, %q, %q causl
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}

// -----

func.func @twice(%q: tensor<1x2x8x16xf32>) {
  // expected-error @+1 {{clause 'causal' given twice in attn.sdpa}}
  %0 = attn.sdpa %q, %q, %q causal scale = 0.5 causal
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}

// -----

func.func @sdpa_untyped_mask(%q: tensor<1x2x8x16xf32>, %m: tensor<1x1x1x8xi1>) {
  // expected-error @+1 {{attn.sdpa's mask needs its type: mask(%m : type)}}
  %0 = attn.sdpa %q, %q, %q mask(%m)
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return
}

// -----

func.func @mha_unknown(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>) {
  // expected-error @+1 {{unknown clause 'heads' in attn.mha: expected 'kv', 'weights', 'bias_q', 'bias_k', 'bias_v', 'bias_o', 'mask', 'num_heads', 'num_kv_heads', 'head_dim', 'causal', 'offset', 'scale' or 'name' (in any order)}}
  %0 = attn.mha %x weights(%w, %w, %w, %w) heads(2) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}

// -----

func.func @mha_no_weights(%x: tensor<1x8x16xf32>) {
  // expected-error @+1 {{attn.mha needs the clause 'weights'}}
  %0 = attn.mha %x num_heads(2) head_dim(8) : (tensor<1x8x16xf32>) -> tensor<1x8x16xf32>
  return
}

// -----

func.func @mha_no_heads(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>) {
  // expected-error @+1 {{attn.mha needs the clause 'num_heads'}}
  %0 = attn.mha %x weights(%w, %w, %w, %w) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}

// -----

func.func @mha_twice(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>) {
  // expected-error @+1 {{clause 'num_heads' given twice in attn.mha}}
  %0 = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) head_dim(8) num_heads(2)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}

// -----

func.func @mha_mask_types_differ(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>, %m: tensor<1x1x1x8xi1>) {
  // expected-error @+2 {{attn.mha: the mask's type in its clause ('tensor<1x1x1x8xi1>') differs from its type in the trailing list ('tensor<1x1x8x8xi1>')}}
  %0 = attn.mha %x weights(%w, %w, %w, %w) mask(%m : tensor<1x1x1x8xi1>) num_heads(2) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<1x1x8x8xi1>) -> tensor<1x8x16xf32>
  return
}

// -----

func.func @mha_type_count(%x: tensor<1x8x16xf32>, %w: tensor<16x16xf32>, %m: tensor<1x1x1x8xi1>) {
  // expected-error @+2 {{attn.mha: expected 6 operand types (input, kv, wq, wk, wv, wo, bias_q, bias_k, bias_v, bias_o and mask, absent ones left out; a mask typed in its clause may be left out too), got 5}}
  %0 = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) head_dim(8)
      : (tensor<1x8x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>) -> tensor<1x8x16xf32>
  return
}
