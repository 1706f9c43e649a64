// attn-gpu-pipeline's tensor-core kernel (f16/bf16) run on the CPU:
// attn-map-sdpa-to-gpu with `emulate` builds the same warp-level loop nest
// (a warp per 16 query rows, K/V tiles in the block's memory, the Q, K, V
// and P fragments in mma.m16n8k16's layout, the quad shuffles of the row
// max and sum) with the 32 lanes of each warp as loops: ldmatrix reads what
// each lane would receive from the rows the warp's lanes point at, and
// mma.sync is the contraction it computes, each C element summed from the A
// and B elements that the warp's lanes hold. attn-run checks the result
// against the double-precision reference, so the fragment layouts, the
// register-resident P (two m16n8 accumulators = one m16k16 A fragment), the
// partial tiles and the masking are verified without a GPU; the PTX of the
// same kernel is checked by test/Pipelines/attn-gpu-pipeline-mma-ptxas.test.

// RUN: attn-run %s --function mha --check --pipeline-options=gpu-emulation=true | FileCheck %s
// RUN: attn-run %s --function mha --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function gqa_causal --check --pipeline-options="gpu-emulation=true query-block=32 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function gqa_causal --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=48" | FileCheck %s
// RUN: attn-run %s --function mqa_top_left --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function more_queries_causal --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function explicit_offset --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function value_dim --check --pipeline-options="gpu-emulation=true query-block=32 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function scaled --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function key_padding --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function bias_causal --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function bf16_mha --check --pipeline-options="gpu-emulation=true query-block=32 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function decode --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function one_key --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function f16_bias --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=32" | FileCheck %s
// RUN: attn-run %s --function per_row_mask --check --pipeline-options="gpu-emulation=true query-block=32 kv-block=16" | FileCheck %s

// CHECK: reference: attn ops evaluated by attn::ref in double precision
// CHECK-NEXT: result 0: max abs err {{.*}} PASS

// Batch > 1, Sq = 100 (a partial last query block and warp), Skv = 80 (a
// partial last key/value tile), D = 64.
func.func @mha(%q: tensor<2x2x100x64xf16>, %k: tensor<2x2x80x64xf16>, %v: tensor<2x2x80x64xf16>) -> tensor<2x2x100x64xf16> {
  %o = attn.sdpa %q, %k, %v : tensor<2x2x100x64xf16>, tensor<2x2x80x64xf16>, tensor<2x2x80x64xf16> -> tensor<2x2x100x64xf16>
  return %o : tensor<2x2x100x64xf16>
}

// GQA (4 query heads on 2 KV heads), causal bottom-right (offset 16).
func.func @gqa_causal(%q: tensor<1x4x37x32xf16>, %k: tensor<1x2x53x32xf16>, %v: tensor<1x2x53x32xf16>) -> tensor<1x4x37x32xf16> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x4x37x32xf16>, tensor<1x2x53x32xf16>, tensor<1x2x53x32xf16> -> tensor<1x4x37x32xf16>
  return %o : tensor<1x4x37x32xf16>
}

// MQA, causal top-left with more queries than keys.
func.func @mqa_top_left(%q: tensor<2x3x40x16xbf16>, %k: tensor<2x1x30x16xbf16>, %v: tensor<2x1x30x16xbf16>) -> tensor<2x3x40x16xbf16> {
  %o = attn.sdpa %q, %k, %v causal offset = 0 : tensor<2x3x40x16xbf16>, tensor<2x1x30x16xbf16>, tensor<2x1x30x16xbf16> -> tensor<2x3x40x16xbf16>
  return %o : tensor<2x3x40x16xbf16>
}

// Bottom-right with Sq > Skv: the first 10 rows see no key and are zeros.
func.func @more_queries_causal(%q: tensor<1x2x30x16xf16>, %k: tensor<1x2x20x16xf16>, %v: tensor<1x2x20x16xf16>) -> tensor<1x2x30x16xf16> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x2x30x16xf16>, tensor<1x2x20x16xf16>, tensor<1x2x20x16xf16> -> tensor<1x2x30x16xf16>
  return %o : tensor<1x2x30x16xf16>
}

// An explicit offset above Skv − Sq.
func.func @explicit_offset(%q: tensor<1x2x12x16xbf16>, %k: tensor<1x2x14x16xbf16>, %v: tensor<1x2x14x16xbf16>) -> tensor<1x2x12x16xbf16> {
  %o = attn.sdpa %q, %k, %v causal offset = 5 : tensor<1x2x12x16xbf16>, tensor<1x2x14x16xbf16>, tensor<1x2x14x16xbf16> -> tensor<1x2x12x16xbf16>
  return %o : tensor<1x2x12x16xbf16>
}

// Dv ≠ D.
func.func @value_dim(%q: tensor<1x2x33x32xf16>, %k: tensor<1x2x47x32xf16>, %v: tensor<1x2x47x48xf16>) -> tensor<1x2x33x48xf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x33x32xf16>, tensor<1x2x47x32xf16>, tensor<1x2x47x48xf16> -> tensor<1x2x33x48xf16>
  return %o : tensor<1x2x33x48xf16>
}

// An explicit scale.
func.func @scaled(%q: tensor<1x2x32x32xf16>, %k: tensor<1x2x32x32xf16>, %v: tensor<1x2x32x32xf16>) -> tensor<1x2x32x32xf16> {
  %o = attn.sdpa %q, %k, %v scale = 0.5 : tensor<1x2x32x32xf16>, tensor<1x2x32x32xf16>, tensor<1x2x32x32xf16> -> tensor<1x2x32x32xf16>
  return %o : tensor<1x2x32x32xf16>
}

// A key-padding keep-mask (B×1×1×Skv, broadcast over heads and rows).
func.func @key_padding(%q: tensor<2x2x20x16xf16>, %k: tensor<2x2x24x16xf16>, %v: tensor<2x2x24x16xf16>, %m: tensor<2x1x1x24xi1>) -> tensor<2x2x20x16xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x24xi1>) : tensor<2x2x20x16xf16>, tensor<2x2x24x16xf16>, tensor<2x2x24x16xf16> -> tensor<2x2x20x16xf16>
  return %o : tensor<2x2x20x16xf16>
}

// An additive f32 bias per (row, key), with the causal rule on top.
func.func @bias_causal(%q: tensor<1x2x13x16xbf16>, %k: tensor<1x2x13x16xbf16>, %v: tensor<1x2x13x16xbf16>, %m: tensor<13x13xf32>) -> tensor<1x2x13x16xbf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<13x13xf32>) causal : tensor<1x2x13x16xbf16>, tensor<1x2x13x16xbf16>, tensor<1x2x13x16xbf16> -> tensor<1x2x13x16xbf16>
  return %o : tensor<1x2x13x16xbf16>
}

// bf16, D = 64, several key/value blocks.
func.func @bf16_mha(%q: tensor<1x2x64x64xbf16>, %k: tensor<1x2x96x64xbf16>, %v: tensor<1x2x96x64xbf16>) -> tensor<1x2x64x64xbf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x64x64xbf16>, tensor<1x2x96x64xbf16>, tensor<1x2x96x64xbf16> -> tensor<1x2x64x64xbf16>
  return %o : tensor<1x2x64x64xbf16>
}

// A decoding step (Sq = 1: one row of the block's 16 is real), GQA, causal.
func.func @decode(%q: tensor<2x4x1x32xf16>, %k: tensor<2x2x37x32xf16>, %v: tensor<2x2x37x32xf16>) -> tensor<2x4x1x32xf16> {
  %o = attn.sdpa %q, %k, %v causal : tensor<2x4x1x32xf16>, tensor<2x2x37x32xf16>, tensor<2x2x37x32xf16> -> tensor<2x4x1x32xf16>
  return %o : tensor<2x4x1x32xf16>
}

// One key: 15 of the tile's 16 rows of K and V are zero-filled and hidden.
func.func @one_key(%q: tensor<1x2x20x16xbf16>, %k: tensor<1x2x1x16xbf16>, %v: tensor<1x2x1x16xbf16>) -> tensor<1x2x20x16xbf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x20x16xbf16>, tensor<1x2x1x16xbf16>, tensor<1x2x1x16xbf16> -> tensor<1x2x20x16xbf16>
  return %o : tensor<1x2x20x16xbf16>
}

// A full-rank f16 bias (no broadcast).
func.func @f16_bias(%q: tensor<1x2x24x16xf16>, %k: tensor<1x2x40x16xf16>, %v: tensor<1x2x40x16xf16>, %m: tensor<1x2x24x40xf16>) -> tensor<1x2x24x16xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x2x24x40xf16>) : tensor<1x2x24x16xf16>, tensor<1x2x40x16xf16>, tensor<1x2x40x16xf16> -> tensor<1x2x24x16xf16>
  return %o : tensor<1x2x24x16xf16>
}

// A per-(row, key) keep-mask with the causal rule on top.
func.func @per_row_mask(%q: tensor<1x1x33x16xf16>, %k: tensor<1x1x33x16xf16>, %v: tensor<1x1x33x16xf16>, %m: tensor<33x33xi1>) -> tensor<1x1x33x16xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<33x33xi1>) causal : tensor<1x1x33x16xf16>, tensor<1x1x33x16xf16>, tensor<1x1x33x16xf16> -> tensor<1x1x33x16xf16>
  return %o : tensor<1x1x33x16xf16>
}
