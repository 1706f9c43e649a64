// Decoding steps (Sq = 1, and a few-row speculative step) against the
// reference: GQA/MQA groups packed as the rows of one block
// (attn-pack-query-groups), K read as stored (key-layout auto → rows),
// split-K, ragged key chunks, head dims that are not multiples of the
// vector width, masks that move with the packed rows, and the same shapes
// with packing off and with the transposed layout forced, so every route
// is checked on the same inputs.

// RUN: attn-run %s --function gqa --check | FileCheck %s
// RUN: attn-run %s --function gqa --check --pipeline-options="pack-query-groups=false" | FileCheck %s
// RUN: attn-run %s --function gqa --check --pipeline-options="key-layout=transposed kv-splits=3" | FileCheck %s
// RUN: attn-run %s --function gqa --check --pipeline-options="vector-lanes=8 kv-block=96" | FileCheck %s
// RUN: attn-run %s --function mqa_bf16_mask --check | FileCheck %s
// RUN: attn-run %s --function mqa_bf16_mask --check --pipeline-options="vector-lanes=8 kv-splits=2 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function shared_bias --check --init small-int | FileCheck %s
// RUN: attn-run %s --function shared_bias --check --pipeline-options="pack-query-groups=false kv-splits=4 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function hidden_keys --check | FileCheck %s
// RUN: attn-run %s --function hidden_keys --check --pipeline-options="kv-splits=3 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function speculative --check | FileCheck %s
// RUN: attn-run %s --function speculative --check --pipeline-options="key-layout=transposed" | FileCheck %s
// Stored keys at other lane counts (4: a 16-key chunk; 2: 2 keys a step).
// RUN: attn-run %s --function gqa --check --pipeline-options="vector-lanes=4" | FileCheck %s
// RUN: attn-run %s --function gqa --check --pipeline-options="vector-lanes=2" | FileCheck %s
// RUN: attn-run %s --function mqa_bf16_mask --check --pipeline-options="vector-lanes=4 kv-block=20" | FileCheck %s
// Causal rows split over key ranges: each split's blocks before the rows'
// diagonal run without the rule.
// RUN: attn-run %s --function speculative --check --pipeline-options="kv-splits=3 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function hidden_keys --check --pipeline-options="kv-splits=2 kv-block=8 vector-lanes=4" | FileCheck %s
// RUN: attn-run %s --function mqa32 --check | FileCheck %s
// RUN: attn-run %s --function dyn_keys --arg-shape 0=3x4x1x64 --arg-shape 1=3x2x70x64 --arg-shape 2=3x2x70x64 --check | FileCheck %s
// RUN: attn-run %s --function dyn_keys --arg-shape 0=3x4x1x64 --arg-shape 1=3x2x1x64 --arg-shape 2=3x2x1x64 --check | FileCheck %s
// RUN: attn-run %s --function dyn_keys --arg-shape 0=1x4x1x64 --arg-shape 1=1x2x5000x64 --arg-shape 2=1x2x5000x64 --check | FileCheck %s

// CHECK: reference: attn ops evaluated by attn::ref in double precision
// CHECK-NEXT: result 0: max abs err {{.*}} PASS

// 8 query heads over 2 KV heads, bottom-right causal (hides nothing for one
// row), Skv = 4099 (split-K by default; the last chunk holds 3 keys).
func.func @gqa(%q: tensor<2x8x1x128xf32>, %k: tensor<2x2x4099x128xf32>, %v: tensor<2x2x4099x128xf32>) -> tensor<2x8x1x128xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<2x8x1x128xf32>, tensor<2x2x4099x128xf32>, tensor<2x2x4099x128xf32> -> tensor<2x8x1x128xf32>
  return %o : tensor<2x8x1x128xf32>
}

// MQA in bf16, D = 40 and Dv = 24 (not multiples of 16 or 8), a keep-mask
// per query head that is reshaped with the rows.
func.func @mqa_bf16_mask(%q: tensor<1x6x1x40xbf16>, %k: tensor<1x1x77x40xbf16>, %v: tensor<1x1x77x24xbf16>,
                         %m: tensor<1x6x1x77xi1>) -> tensor<1x6x1x24xbf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x6x1x77xi1>) : tensor<1x6x1x40xbf16>, tensor<1x1x77x40xbf16>, tensor<1x1x77x24xbf16> -> tensor<1x6x1x24xbf16>
  return %o : tensor<1x6x1x24xbf16>
}

// An additive bias over the keys only, shared by every head; f16.
func.func @shared_bias(%q: tensor<2x4x1x32xf16>, %k: tensor<2x2x130x32xf16>, %b: tensor<130xf16>) -> tensor<2x4x1x32xf16> {
  %o = attn.sdpa %q, %k, %k mask(%b : tensor<130xf16>) : tensor<2x4x1x32xf16>, tensor<2x2x130x32xf16>, tensor<2x2x130x32xf16> -> tensor<2x4x1x32xf16>
  return %o : tensor<2x4x1x32xf16>
}

// A causal offset that hides keys 31.. from the row: not packed, but still
// read as stored, with the causal shift inside the kernel.
func.func @hidden_keys(%q: tensor<1x4x1x64xf32>, %k: tensor<1x2x100x64xf32>) -> tensor<1x4x1x64xf32> {
  %o = attn.sdpa %q, %k, %k causal offset = 30 : tensor<1x4x1x64xf32>, tensor<1x2x100x64xf32>, tensor<1x2x100x64xf32> -> tensor<1x4x1x64xf32>
  return %o : tensor<1x4x1x64xf32>
}

// A speculative step: 5 causal rows at the end of 300 keys, GQA, keys as
// stored, 5 rows in a register group.
func.func @speculative(%q: tensor<1x4x5x64xf32>, %k: tensor<1x2x300x64xf32>) -> tensor<1x4x5x64xf32> {
  %o = attn.sdpa %q, %k, %k causal : tensor<1x4x5x64xf32>, tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32> -> tensor<1x4x5x64xf32>
  return %o : tensor<1x4x5x64xf32>
}

// Dynamic batch and key length (down to a single key).
func.func @dyn_keys(%q: tensor<?x4x1x64xf32>, %k: tensor<?x2x?x64xf32>, %v: tensor<?x2x?x64xf32>) -> tensor<?x4x1x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<?x4x1x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32> -> tensor<?x4x1x64xf32>
  return %o : tensor<?x4x1x64xf32>
}

// MQA with 32 query heads: a packed block of 32 rows (more than the 16 that
// make a decoding step) is still tiled as one: stored keys, split-K.
func.func @mqa32(%q: tensor<1x32x1x64xf32>, %k: tensor<1x1x4100x64xf32>, %v: tensor<1x1x4100x64xf32>) -> tensor<1x32x1x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x32x1x64xf32>, tensor<1x1x4100x64xf32>, tensor<1x1x4100x64xf32> -> tensor<1x32x1x64xf32>
  return %o : tensor<1x32x1x64xf32>
}
