// The flash-tiled route (attn-tile + the vector kernel) against the
// reference where its edge cases live: ragged query blocks and key chunks,
// head dims that are not multiples of the vector width, split-K with a
// combine step (forced, and chosen for a decoding shape), f16/bf16 loads,
// and keys read as stored instead of transposed. Decoding shapes have
// their own file (decode.mlir).

// RUN: attn-run %s --function ragged --check --pipeline-options="query-block=16 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function ragged --check --pipeline-options="query-block=7 kv-block=64 vector-lanes=8" | FileCheck %s
// RUN: attn-run %s --function ragged --check --pipeline-options="kv-splits=3 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function causal_split --check --pipeline-options="kv-splits=4 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function causal_split --check --init small-int --pipeline-options="kv-splits=2 query-block=3 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function decode --check | FileCheck %s
// RUN: attn-run %s --function masked_f16 --check --pipeline-options="query-block=8 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function masked_f16 --check --pipeline-options="kv-splits=2 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function gqa_bf16 --check --pipeline-options="query-block=5 kv-block=16" | FileCheck %s
// K read as stored (the decoding layout) on multi-row blocks: ragged row
// groups and key chunks, causal shifts, masks.
// RUN: attn-run %s --function ragged --check --pipeline-options="key-layout=rows query-block=16 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function causal_split --check --pipeline-options="key-layout=rows kv-splits=2 query-block=3 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function masked_f16 --check --pipeline-options="key-layout=rows vector-lanes=8" | FileCheck %s
// Masks broadcast along the keys (last dim 1) are expanded before tiling.
// RUN: attn-run %s --function key_broadcast_bias --check | FileCheck %s
// RUN: attn-run %s --function key_broadcast_bool --check --pipeline-options="kv-block=16 kv-splits=2" | FileCheck %s

// CHECK: reference: attn ops evaluated by attn::ref in double precision
// CHECK-NEXT: result 0: max abs err {{.*}} PASS

// S = 77, D = Dv = 80: every tile size above leaves a ragged last block and
// a value chunk of 16 after 64.
func.func @ragged(%q: tensor<2x3x77x80xf32>, %k: tensor<2x3x77x80xf32>,
                  %v: tensor<2x3x77x80xf32>) -> tensor<2x3x77x80xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<2x3x77x80xf32>, tensor<2x3x77x80xf32>, tensor<2x3x77x80xf32> -> tensor<2x3x77x80xf32>
  return %o : tensor<2x3x77x80xf32>
}

// Causal with Sq < Skv, GQA, split across the visible key range only.
func.func @causal_split(%q: tensor<1x4x10x32xf32>, %k: tensor<1x2x100x32xf32>,
                        %v: tensor<1x2x100x24xf32>) -> tensor<1x4x10x24xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x4x10x32xf32>, tensor<1x2x100x32xf32>, tensor<1x2x100x24xf32> -> tensor<1x4x10x24xf32>
  return %o : tensor<1x4x10x24xf32>
}

// A decoding step (Sq = 1) over 4096 keys: split-K is chosen by default.
func.func @decode(%q: tensor<1x8x1x64xf32>, %k: tensor<1x2x4096x64xf32>,
                  %v: tensor<1x2x4096x64xf32>) -> tensor<1x8x1x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x8x1x64xf32>, tensor<1x2x4096x64xf32>, tensor<1x2x4096x64xf32> -> tensor<1x8x1x64xf32>
  return %o : tensor<1x8x1x64xf32>
}

// f16 with a keep-mask (made additive before tiling) whose rows differ.
func.func @masked_f16(%q: tensor<1x2x20x64xf16>, %k: tensor<1x2x70x64xf16>,
                      %v: tensor<1x2x70x64xf16>, %m: tensor<1x1x20x70xi1>) -> tensor<1x2x20x64xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x20x70xi1>) : tensor<1x2x20x64xf16>, tensor<1x2x70x64xf16>, tensor<1x2x70x64xf16> -> tensor<1x2x20x64xf16>
  return %o : tensor<1x2x20x64xf16>
}

// bf16, MQA, an additive f32 mask.
func.func @gqa_bf16(%q: tensor<2x4x9x32xbf16>, %k: tensor<2x1x33x32xbf16>,
                    %v: tensor<2x1x33x32xbf16>, %m: tensor<9x33xf32>) -> tensor<2x4x9x32xbf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<9x33xf32>) : tensor<2x4x9x32xbf16>, tensor<2x1x33x32xbf16>, tensor<2x1x33x32xbf16> -> tensor<2x4x9x32xbf16>
  return %o : tensor<2x4x9x32xbf16>
}

// A per-query additive bias (rows × 1): every key of a row gets the same bias.
func.func @key_broadcast_bias(%q: tensor<1x2x70x32xf32>, %m: tensor<70x1xf32>) -> tensor<1x2x70x32xf32> {
  %o = attn.sdpa %q, %q, %q mask(%m : tensor<70x1xf32>) : tensor<1x2x70x32xf32>, tensor<1x2x70x32xf32>, tensor<1x2x70x32xf32> -> tensor<1x2x70x32xf32>
  return %o : tensor<1x2x70x32xf32>
}

// A keep-mask per (head, query) broadcast along the keys: masked rows → 0.
func.func @key_broadcast_bool(%q: tensor<1x4x7x16xf32>, %k: tensor<1x4x40x16xf32>, %m: tensor<1x4x7x1xi1>) -> tensor<1x4x7x16xf32> {
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<1x4x7x1xi1>) : tensor<1x4x7x16xf32>, tensor<1x4x40x16xf32>, tensor<1x4x40x16xf32> -> tensor<1x4x7x16xf32>
  return %o : tensor<1x4x7x16xf32>
}
