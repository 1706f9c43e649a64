// Every verifier error of the attn ops, one case per split.
// RUN: attn-opt %s -split-input-file -verify-diagnostics

func.func @sdpa_query_rank(%q: tensor<8x128x64xf32>, %k: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{query must have rank 4 (B×Hq×Sq×D), got rank 3}}
  %o = attn.sdpa %q, %k, %k : tensor<8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_key_rank(%q: tensor<1x8x128x64xf32>, %k: tensor<8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{key must have rank 4 (B×Hkv×Skv×D), got rank 3}}
  %o = attn.sdpa %q, %k, %q : tensor<1x8x128x64xf32>, tensor<8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_value_rank(%q: tensor<1x8x128x64xf32>, %v: tensor<1x1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{value must have rank 4 (B×Hkv×Skv×Dv), got rank 5}}
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_result_rank(%q: tensor<1x8x128x64xf32>) -> tensor<8x128x64xf32> {
  // expected-error @+1 {{result must have rank 4 (B×Hq×Sq×Dv), got rank 3}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<8x128x64xf32>
  return %o : tensor<8x128x64xf32>
}

// -----

func.func @sdpa_int_query(%q: tensor<1x8x128x64xi32>) -> tensor<1x8x128x64xi32> {
  // expected-error @+1 {{query element type must be f32, f16 or bf16, got 'i32'}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xi32>, tensor<1x8x128x64xi32>, tensor<1x8x128x64xi32> -> tensor<1x8x128x64xi32>
  return %o : tensor<1x8x128x64xi32>
}

// -----

func.func @sdpa_f64(%q: tensor<1x8x128x64xf64>) -> tensor<1x8x128x64xf64> {
  // expected-error @+1 {{query element type must be f32, f16 or bf16, got 'f64'}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf64>, tensor<1x8x128x64xf64>, tensor<1x8x128x64xf64> -> tensor<1x8x128x64xf64>
  return %o : tensor<1x8x128x64xf64>
}

// -----

func.func @sdpa_mixed_key(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x64xf16>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{key element type 'f16' differs from query element type 'f32'}}
  %o = attn.sdpa %q, %k, %q : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf16>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_mixed_value(%q: tensor<1x8x128x64xf32>, %v: tensor<1x8x128x64xbf16>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{value element type 'bf16' differs from query element type 'f32'}}
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xbf16> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_mixed_result(%q: tensor<1x8x128x64xf16>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{result element type 'f32' differs from value element type 'f16'}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf16>, tensor<1x8x128x64xf16>, tensor<1x8x128x64xf16> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_key_batch(%q: tensor<2x8x128x64xf32>, %k: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  // expected-error @+1 {{key dim 0 (3) must equal the query batch (2)}}
  %o = attn.sdpa %q, %k, %k : tensor<2x8x128x64xf32>, tensor<3x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}

// -----

func.func @sdpa_value_batch(%q: tensor<2x8x128x64xf32>, %v: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  // expected-error @+1 {{value dim 0 (3) must equal the batch (2)}}
  %o = attn.sdpa %q, %q, %v : tensor<2x8x128x64xf32>, tensor<2x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}

// -----

func.func @sdpa_value_heads(%q: tensor<1x8x128x64xf32>, %k: tensor<1x2x128x64xf32>, %v: tensor<1x4x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{value dim 1 (4) must equal the key heads (2)}}
  %o = attn.sdpa %q, %k, %v : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>, tensor<1x4x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_value_seq(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x100x64xf32>, %v: tensor<1x8x99x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{value dim 2 (99) must equal the key sequence length (100)}}
  %o = attn.sdpa %q, %k, %v : tensor<1x8x128x64xf32>, tensor<1x8x100x64xf32>, tensor<1x8x99x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_head_dim(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x32xf32>) -> tensor<1x8x128x32xf32> {
  // expected-error @+1 {{key dim 3 (32) must equal the query head dim (64)}}
  %o = attn.sdpa %q, %k, %k : tensor<1x8x128x64xf32>, tensor<1x8x128x32xf32>, tensor<1x8x128x32xf32> -> tensor<1x8x128x32xf32>
  return %o : tensor<1x8x128x32xf32>
}

// -----

func.func @sdpa_grouping(%q: tensor<1x6x128x64xf32>, %k: tensor<1x4x128x64xf32>) -> tensor<1x6x128x64xf32> {
  // expected-error @+1 {{query heads (6) must be a multiple of key/value heads (4)}}
  %o = attn.sdpa %q, %k, %k : tensor<1x6x128x64xf32>, tensor<1x4x128x64xf32>, tensor<1x4x128x64xf32> -> tensor<1x6x128x64xf32>
  return %o : tensor<1x6x128x64xf32>
}

// -----

func.func @sdpa_result_shape(%q: tensor<1x8x128x64xf32>, %v: tensor<1x8x128x32xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{result shape 1x8x128x64 does not match B×Hq×Sq×Dv = 1x8x128x32}}
  %o = attn.sdpa %q, %q, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x32xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_mask_type(%q: tensor<1x8x128x64xf32>, %m: tensor<128x128xi8>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{mask element type must be i1 (keep-mask) or f32 (additive), got 'i8'}}
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<128x128xi8>) : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_mask_f16_on_bf16(%q: tensor<1x8x128x64xbf16>, %m: tensor<128x128xf16>) -> tensor<1x8x128x64xbf16> {
  // expected-error @+1 {{mask element type must be i1 (keep-mask) or 'bf16' or f32 (additive), got 'f16'}}
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<128x128xf16>) : tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16>, tensor<1x8x128x64xbf16> -> tensor<1x8x128x64xbf16>
  return %o : tensor<1x8x128x64xbf16>
}

// -----

func.func @sdpa_mask_rank(%q: tensor<1x8x128x64xf32>, %m: tensor<1x1x8x128x128xi1>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{mask must have rank <= 4, got rank 5}}
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<1x1x8x128x128xi1>) : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_mask_broadcast(%q: tensor<2x8x128x64xf32>, %k: tensor<2x8x100x64xf32>, %m: tensor<2x1x1x128xi1>) -> tensor<2x8x128x64xf32> {
  // expected-error @+1 {{mask shape 2x1x1x128 is not broadcastable to the scores' shape B×Hq×Sq×Skv = 2x8x128x100 (mask dim 3 is 128, expected 1 or 100)}}
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<2x1x1x128xi1>) : tensor<2x8x128x64xf32>, tensor<2x8x100x64xf32>, tensor<2x8x100x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}

// -----

func.func @sdpa_dynamic_head_dim(%q: tensor<1x8x128x?xf32>) -> tensor<1x8x128x?xf32> {
  // expected-error @+1 {{needs an explicit scale when the head dim is dynamic or 0}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x?xf32>, tensor<1x8x128x?xf32>, tensor<1x8x128x?xf32> -> tensor<1x8x128x?xf32>
  return %o : tensor<1x8x128x?xf32>
}

// -----

func.func @sdpa_zero_scale(%q: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{scale must be finite and non-zero}}
  %o = attn.sdpa %q, %q, %q scale = 0.0 : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @sdpa_offset_without_causal(%q: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // expected-error @+1 {{causal_offset requires the causal attribute}}
  %o = attn.sdpa %q, %q, %q offset = 3 : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// -----

func.func @mha_input_rank(%x: tensor<10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{input must have rank 3 (B×Sq×M), got rank 2}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_kv_rank(%x: tensor<1x10x16xf32>, %e: tensor<20x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{kv_input must have rank 3 (B×Skv×Mkv), got rank 2}}
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<20x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_grouping(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wkv: tensor<16x12xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{query heads (4) must be a multiple of key/value heads (3)}}
  %y = attn.mha %x weights(%w, %wkv, %wkv, %w) num_heads(4) num_kv_heads(3) head_dim(4)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x12xf32>, tensor<16x12xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_zero_heads(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{attribute 'num_heads' failed to satisfy constraint: 64-bit signless integer attribute whose value is positive}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(0) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_wq_rank(%x: tensor<1x10x16xf32>, %wq: tensor<16x2x8xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wq must have rank 2 (rows × columns), got rank 3}}
  %y = attn.mha %x weights(%wq, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x2x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_wq_cols(%x: tensor<1x10x16xf32>, %wq: tensor<16x12xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wq dim 1 (12) must equal num_heads × head_dim (16)}}
  %y = attn.mha %x weights(%wq, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x12xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_wk_rows(%x: tensor<1x10x16xf32>, %e: tensor<1x20x24xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wk dim 0 (16) must equal the key/value input's model dim (24)}}
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<1x20x24xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_wv_cols(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wk: tensor<16x8xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wv dim 1 (16) must equal num_kv_heads × head_dim (8)}}
  %y = attn.mha %x weights(%w, %wk, %w, %w) num_heads(2) num_kv_heads(1) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_wo_rows(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wo: tensor<8x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wo dim 0 (8) must equal num_heads × head_dim (16)}}
  %y = attn.mha %x weights(%w, %w, %w, %wo) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<8x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_weight_type(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wh: tensor<16x16xf16>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{wv element type 'f16' differs from input element type 'f32'}}
  %y = attn.mha %x weights(%w, %w, %wh, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf16>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_kv_type(%x: tensor<1x10x16xf32>, %e: tensor<1x20x16xf16>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{kv_input element type 'f16' differs from input element type 'f32'}}
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<1x20x16xf16>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_kv_batch(%x: tensor<1x10x16xf32>, %e: tensor<2x20x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{kv_input dim 0 (2) must equal the input batch (1)}}
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<2x20x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_bias_rank(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %b: tensor<1x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{bias_q must have rank 1 (columns), got rank 2}}
  %y = attn.mha %x weights(%w, %w, %w, %w) bias_q(%b) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<1x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_bias_size(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %wo: tensor<16x12xf32>, %b: tensor<16xf32>) -> tensor<1x10x12xf32> {
  // expected-error @+1 {{bias_o dim 0 (16) must equal the output model dim (12)}}
  %y = attn.mha %x weights(%w, %w, %w, %wo) bias_o(%b) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x12xf32>, tensor<16xf32>) -> tensor<1x10x12xf32>
  return %y : tensor<1x10x12xf32>
}

// -----

func.func @mha_result_shape(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x8xf32> {
  // expected-error @+1 {{result shape 1x10x8 does not match B×Sq×N = 1x10x16}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x8xf32>
  return %y : tensor<1x10x8xf32>
}

// -----

func.func @mha_result_type(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf16> {
  // expected-error @+1 {{result element type 'f16' differs from input element type 'f32'}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf16>
  return %y : tensor<1x10x16xf16>
}

// -----

func.func @mha_mask(%x: tensor<1x10x16xf32>, %e: tensor<1x20x16xf32>, %w: tensor<16x16xf32>, %m: tensor<10x10xi1>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{mask shape 10x10 is not broadcastable to the scores' shape B×Hq×Sq×Skv = 1x2x10x20 (mask dim 1 is 10, expected 1 or 20)}}
  %y = attn.mha %x kv(%e) weights(%w, %w, %w, %w) mask(%m) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<1x20x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<10x10xi1>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_scale(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{scale must be finite and non-zero}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8) scale = 0x7F800000
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @residual_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{input must have rank >= 1}}
  %y = attn.residual %x : tensor<f32> {
  ^bb0(%h: tensor<f32>):
    attn.yield %h : tensor<f32>
  }
  return %y : tensor<f32>
}

// -----

func.func @residual_type(%x: tensor<4xi32>) -> tensor<4xi32> {
  // expected-error @+1 {{input element type must be f32, f16 or bf16, got 'i32'}}
  %y = attn.residual %x : tensor<4xi32> {
  ^bb0(%h: tensor<4xi32>):
    attn.yield %h : tensor<4xi32>
  }
  return %y : tensor<4xi32>
}

// -----

func.func @residual_norm_without_gamma(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{norm placement, gamma and beta must be given together}}
  %y = "attn.residual"(%x) <{norm = #attn.norm<pre>, operandSegmentSizes = array<i32: 1, 0, 0>}> ({
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }) : (tensor<4xf32>) -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @residual_epsilon(%x: tensor<4xf32>, %g: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{epsilon must be finite and positive}}
  %y = attn.residual %x norm(post, %g, %g : tensor<4xf32>, tensor<4xf32>) {epsilon = -1.0 : f32} : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}

// -----

func.func @residual_gamma_rank(%x: tensor<2x4xf32>, %g: tensor<2x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{gamma must have rank 1, got rank 2}}
  %y = attn.residual %x norm(pre, %g, %b : tensor<2x4xf32>, tensor<4xf32>) : tensor<2x4xf32> {
  ^bb0(%h: tensor<2x4xf32>):
    attn.yield %h : tensor<2x4xf32>
  }
  return %y : tensor<2x4xf32>
}

// -----

func.func @residual_beta_size(%x: tensor<2x4xf32>, %g: tensor<4xf32>, %b: tensor<5xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{beta dim 0 (5) must equal the input's last dim (4)}}
  %y = attn.residual %x norm(pre, %g, %b : tensor<4xf32>, tensor<5xf32>) : tensor<2x4xf32> {
  ^bb0(%h: tensor<2x4xf32>):
    attn.yield %h : tensor<2x4xf32>
  }
  return %y : tensor<2x4xf32>
}

// -----

func.func @residual_gamma_type(%x: tensor<2x4xf32>, %g: tensor<4xf16>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  // expected-error @+1 {{gamma element type 'f16' differs from input element type 'f32'}}
  %y = attn.residual %x norm(pre, %g, %b : tensor<4xf16>, tensor<4xf32>) : tensor<2x4xf32> {
  ^bb0(%h: tensor<2x4xf32>):
    attn.yield %h : tensor<2x4xf32>
  }
  return %y : tensor<2x4xf32>
}

// -----

func.func @residual_bad_norm(%x: tensor<4xf32>, %g: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{expected 'pre' or 'post', got 'mid'}}
  %y = attn.residual %x norm(mid, %g, %g : tensor<4xf32>, tensor<4xf32>) : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}

// -----

func.func @residual_block_args(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{body must take exactly one argument of the input's type 'tensor<4xf32>'}}
  %y = attn.residual %x : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>, %h2: tensor<4xf32>):
    attn.yield %h : tensor<4xf32>
  }
  return %y : tensor<4xf32>
}

// -----

func.func @residual_terminator(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{body must end with attn.yield}}
  %y = attn.residual %x : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    llvm.unreachable
  }
  return %y : tensor<4xf32>
}

// -----

func.func @residual_yield_type(%x: tensor<4xf32>, %z: tensor<8xf32>) -> tensor<4xf32> {
  %y = attn.residual %x : tensor<4xf32> {
  ^bb0(%h: tensor<4xf32>):
    // expected-error @+1 {{yields 'tensor<8xf32>', but the residual block needs the input's type 'tensor<4xf32>'}}
    attn.yield %z : tensor<8xf32>
  }
  return %y : tensor<4xf32>
}

// -----

func.func @yield_outside(%x: tensor<4xf32>) {
  // expected-error @+1 {{expects parent op 'attn.residual'}}
  attn.yield %x : tensor<4xf32>
}

// -----

// expected-error @+1 {{value element type must be f32, f16 or bf16, got 'i32'}}
attn.weight @w = dense<1> : tensor<4xi32>

// -----

// expected-error @+1 {{value must be a ranked tensor, got 'vector<4xf32>'}}
attn.weight @w = dense<1.0> : vector<4xf32>

// -----

func.func @weight_in_func() {
  // expected-error @+1 {{expects parent op 'builtin.module'}}
  attn.weight @w = dense<1.0> : tensor<4xf32>
  return
}

// -----

func.func @missing_weight() -> tensor<4xf32> {
  // expected-error @+1 {{no attn.weight named @nope}}
  %w = attn.weight_ref @nope : tensor<4xf32>
  return %w : tensor<4xf32>
}

// -----

func.func @not_a_weight() -> tensor<4xf32> {
  // expected-error @+1 {{@not_a_weight names a 'func.func', not an attn.weight}}
  %w = attn.weight_ref @not_a_weight : tensor<4xf32>
  return %w : tensor<4xf32>
}

// -----

attn.weight @w = dense<1.0> : tensor<4xf32>
func.func @mistyped_weight() -> tensor<8xf32> {
  // expected-error @+1 {{result type 'tensor<8xf32>' differs from the type 'tensor<4xf32>' of weight @w}}
  %w = attn.weight_ref @w : tensor<8xf32>
  return %w : tensor<8xf32>
}

// -----

attn.weight @h = dense<1.0> : tensor<4xf16>
func.func @weight_element_type() -> tensor<4xf32> {
  // expected-error @+1 {{result type 'tensor<4xf32>' differs from the type 'tensor<4xf16>' of weight @h}}
  %w = attn.weight_ref @h : tensor<4xf32>
  return %w : tensor<4xf32>
}

// -----

// A reference looks in its nearest symbol table: a nested module's function
// does not see the outer module's weights.
attn.weight @outer = dense<1.0> : tensor<4xf32>
module @inner {
  func.func @nested() -> tensor<4xf32> {
    // expected-error @+1 {{no attn.weight named @outer}}
    %w = attn.weight_ref @outer : tensor<4xf32>
    return %w : tensor<4xf32>
  }
}

// -----

// expected-error @+1 {{blob 'short' holds 8 bytes, but 'tensor<4xf32>' needs 16}}
attn.weight @short = dense_resource<short> : tensor<4xf32>
{-#
  dialect_resources: {
    builtin: {
      short: "0x040000000000803F0000803F"
    }
  }
#-}

// -----

func.func @sdpa_zero_head_dim(%q: tensor<1x8x128x0xf32>) -> tensor<1x8x128x0xf32> {
  // expected-error @+1 {{needs an explicit scale when the head dim is dynamic or 0}}
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x0xf32>, tensor<1x8x128x0xf32>, tensor<1x8x128x0xf32> -> tensor<1x8x128x0xf32>
  return %o : tensor<1x8x128x0xf32>
}

// -----

// A dynamic result dim matches a static one; a static mismatch is reported.
func.func @sdpa_static_mixed(%q: tensor<2x8x128x?xf32>, %k: tensor<?x8x128x32xf32>, %v: tensor<?x8x128x16xf32>) -> tensor<2x8x?x32xf32> {
  // expected-error @+1 {{result shape 2x8x?x32 does not match B×Hq×Sq×Dv = 2x8x128x16}}
  %o = attn.sdpa %q, %k, %v : tensor<2x8x128x?xf32>, tensor<?x8x128x32xf32>, tensor<?x8x128x16xf32> -> tensor<2x8x?x32xf32>
  return %o : tensor<2x8x?x32xf32>
}

// -----

// A static size next to a dynamic one is compatible; two static ones must agree.
func.func @sdpa_static_vs_dynamic_batch(%q: tensor<2x8x128x64xf32>, %k: tensor<?x8x128x64xf32>, %v: tensor<3x8x128x64xf32>) -> tensor<2x8x128x64xf32> {
  // expected-error @+1 {{value dim 0 (3) must equal the batch (2)}}
  %o = attn.sdpa %q, %k, %v : tensor<2x8x128x64xf32>, tensor<?x8x128x64xf32>, tensor<3x8x128x64xf32> -> tensor<2x8x128x64xf32>
  return %o : tensor<2x8x128x64xf32>
}

// -----

func.func @sdpa_zero_heads(%q: tensor<1x0x128x64xf32>, %k: tensor<1x0x128x64xf32>) -> tensor<1x0x128x64xf32> {
  // expected-error @+1 {{head counts must be positive, got 0 query and 0 key/value heads}}
  %o = attn.sdpa %q, %k, %k : tensor<1x0x128x64xf32>, tensor<1x0x128x64xf32>, tensor<1x0x128x64xf32> -> tensor<1x0x128x64xf32>
  return %o : tensor<1x0x128x64xf32>
}

// -----

func.func @mha_input_type(%x: tensor<1x10x16xf64>, %w: tensor<16x16xf64>) -> tensor<1x10x16xf64> {
  // expected-error @+1 {{input element type must be f32, f16 or bf16, got 'f64'}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>, tensor<16x16xf64>) -> tensor<1x10x16xf64>
  return %y : tensor<1x10x16xf64>
}

// -----

func.func @mha_bias_type(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %b: tensor<16xf16>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{bias_k element type 'f16' differs from input element type 'f32'}}
  %y = attn.mha %x weights(%w, %w, %w, %w) bias_k(%b) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16xf16>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_mask_type(%x: tensor<1x10x16xf16>, %w: tensor<16x16xf16>, %m: tensor<10x10xbf16>) -> tensor<1x10x16xf16> {
  // expected-error @+1 {{mask element type must be i1 (keep-mask) or 'f16' or f32 (additive), got 'bf16'}}
  %y = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<16x16xf16>, tensor<10x10xbf16>) -> tensor<1x10x16xf16>
  return %y : tensor<1x10x16xf16>
}

// -----

func.func @mha_mask_rank(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>, %m: tensor<1x1x1x10x10xi1>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{mask must have rank <= 4, got rank 5}}
  %y = attn.mha %x weights(%w, %w, %w, %w) mask(%m) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<1x1x1x10x10xi1>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_offset_without_causal(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{causal_offset requires the causal attribute}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8) offset = 0
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_overflow(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{num_heads × head_dim overflows}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(4611686018427387904) num_kv_heads(4611686018427387904) head_dim(2)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

func.func @mha_empty_name(%x: tensor<1x10x16xf32>, %w: tensor<16x16xf32>) -> tensor<1x10x16xf32> {
  // expected-error @+1 {{name must not be empty}}
  %y = attn.mha name "" %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %y : tensor<1x10x16xf32>
}

// -----

// expected-error @+1 {{value must be a dense<...> or dense_resource<...> elements attribute}}
attn.weight @sparse = sparse<[[0]], [1.0]> : tensor<4xf32>

// -----

func.func @online_query_rank(%q: tensor<1x64x64xf32>, %k: tensor<64x64xf32>, %acc: tensor<64x64xf32>, %m: tensor<64xf32>) {
  // expected-error @+1 {{query must have rank 2 (Bq×D), got rank 3}}
  %a, %mx, %l = attn.online_attention %q, %k, %k into(%acc, %m, %m) scale = 1.0
      : tensor<1x64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32> -> tensor<64x64xf32>, tensor<64xf32>, tensor<64xf32>
  return
}

// -----

func.func @online_key_layout(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<32x8xf32>, %acc: tensor<16x8xf32>, %m: tensor<16xf32>) {
  // expected-error @+1 {{key dim 0 (32) must equal the query head dim (64)}}
  %a, %mx, %l = attn.online_attention %q, %k, %v into(%acc, %m, %m) key_transposed scale = 1.0
      : tensor<16x64xf32>, tensor<32x64xf32>, tensor<32x8xf32> -> tensor<16x8xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_value_rows(%q: tensor<16x64xf32>, %k: tensor<32x64xf32>, %v: tensor<31x8xf32>, %acc: tensor<16x8xf32>, %m: tensor<16xf32>) {
  // expected-error @+1 {{value dim 0 (31) must equal the key block size (32)}}
  %a, %mx, %l = attn.online_attention %q, %k, %v into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf32>, tensor<32x64xf32>, tensor<31x8xf32> -> tensor<16x8xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_mixed(%q: tensor<16x64xf16>, %k: tensor<32x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>) {
  // expected-error @+1 {{key element type 'f32' differs from query element type 'f16'}}
  %a, %mx, %l = attn.online_attention %q, %k, %k into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf16>, tensor<32x64xf32>, tensor<32x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_acc_type(%q: tensor<16x64xf16>, %acc: tensor<16x64xf16>, %m: tensor<16xf32>) {
  // expected-error @+1 {{acc must be a rank-2 f32 tensor, got 'tensor<16x64xf16>'}}
  %a, %mx, %l = attn.online_attention %q, %q, %q into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf16>, tensor<16x64xf16>, tensor<16x64xf16> -> tensor<16x64xf16>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_state_shape(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<8xf32>, %l: tensor<16xf32>) {
  // expected-error @+1 {{max shape 8 does not match 16 (query rows × value dim)}}
  %a, %mx, %s = attn.online_attention %q, %q, %q into(%acc, %m, %l) scale = 1.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<8xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_mask_type(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>, %mask: tensor<16x16xi8>) {
  // expected-error @+1 {{mask element type must be i1 (keep-mask), the input type or f32 (additive), got 'i8'}}
  %a, %mx, %l = attn.online_attention %q, %q, %q mask(%mask : tensor<16x16xi8>) into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_mask_shape(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>, %mask: tensor<4x16xi1>) {
  // expected-error @+1 {{mask shape 4x16 must be Bq×Bk or 1×Bk = 16x16}}
  %a, %mx, %l = attn.online_attention %q, %q, %q mask(%mask : tensor<4x16xi1>) into(%acc, %m, %m) scale = 1.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}

// -----

func.func @online_scale(%q: tensor<16x64xf32>, %acc: tensor<16x64xf32>, %m: tensor<16xf32>) {
  // expected-error @+1 {{scale must be finite and non-zero}}
  %a, %mx, %l = attn.online_attention %q, %q, %q into(%acc, %m, %m) scale = 0.0
      : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>, tensor<16xf32>, tensor<16xf32>
  return
}
