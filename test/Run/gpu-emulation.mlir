// attn-gpu-pipeline's kernel run on the CPU: attn-map-sdpa-to-gpu with
// `emulate` builds the same block-mapped loop nest (grid of query blocks ×
// batch·heads, K/V tiles staged in the block's memory, per-row online
// softmax, the causal key/value bound) with the threads as loops split at
// each barrier, and attn-run checks it against the double-precision
// reference. So the GPU mapping is verified without a GPU.

// RUN: attn-run %s --function mha --check --pipeline-options=gpu-emulation=true | FileCheck %s
// RUN: attn-run %s --function mha --check --pipeline-options="gpu-emulation=true query-block=16 kv-block=8" | FileCheck %s
// RUN: attn-run %s --function gqa_causal --check --pipeline-options=gpu-emulation=true | FileCheck %s
// RUN: attn-run %s --function gqa_causal --check --pipeline-options="gpu-emulation=true query-block=8 kv-block=4" | FileCheck %s
// RUN: attn-run %s --function gqa_causal --check --init small-int --pipeline-options="gpu-emulation=true query-block=5 kv-block=3" | FileCheck %s
// RUN: attn-run %s --function mqa_top_left --check --pipeline-options="gpu-emulation=true query-block=8 kv-block=8" | FileCheck %s
// RUN: attn-run %s --function more_queries_causal --check --pipeline-options="gpu-emulation=true query-block=4 kv-block=4" | FileCheck %s
// RUN: attn-run %s --function explicit_offset --check --pipeline-options="gpu-emulation=true query-block=4 kv-block=2" | FileCheck %s
// RUN: attn-run %s --function odd_dims --check --pipeline-options="gpu-emulation=true query-block=7 kv-block=5" | FileCheck %s
// RUN: attn-run %s --function even_dims --check --pipeline-options="gpu-emulation=true query-block=3 kv-block=16" | FileCheck %s
// RUN: attn-run %s --function scaled --check --pipeline-options="gpu-emulation=true" | FileCheck %s
// RUN: attn-run %s --function key_padding --check --pipeline-options="gpu-emulation=true query-block=8 kv-block=1" | FileCheck %s
// RUN: attn-run %s --function bias_causal --check --pipeline-options="gpu-emulation=true query-block=6 kv-block=1" | FileCheck %s
// RUN: attn-run %s --function f16_gqa --check --pipeline-options="gpu-emulation=true query-block=8 kv-block=1" | FileCheck %s
// RUN: attn-run %s --function bf16_causal --check --pipeline-options="gpu-emulation=true query-block=8 kv-block=1" | FileCheck %s
// These checks can fail: with the key/value block count rounded down instead
// of up (a deliberate bug, tried once by hand), gqa_causal FAILs.

// CHECK: reference: attn ops evaluated by attn::ref in double precision
// CHECK-NEXT: result 0: max abs err {{.*}} PASS

// Batch > 1, Sq = 100 (a partial last query block), Skv = 80 (a partial
// last key/value tile).
func.func @mha(%q: tensor<2x4x100x64xf32>, %k: tensor<2x4x80x64xf32>, %v: tensor<2x4x80x64xf32>) -> tensor<2x4x100x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<2x4x100x64xf32>, tensor<2x4x80x64xf32>, tensor<2x4x80x64xf32> -> tensor<2x4x100x64xf32>
  return %o : tensor<2x4x100x64xf32>
}

// GQA (8 query heads on 2 KV heads), causal bottom-right (offset Skv − Sq
// = 16), odd lengths.
func.func @gqa_causal(%q: tensor<1x8x37x24xf32>, %k: tensor<1x2x53x24xf32>, %v: tensor<1x2x53x24xf32>) -> tensor<1x8x37x24xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x8x37x24xf32>, tensor<1x2x53x24xf32>, tensor<1x2x53x24xf32> -> tensor<1x8x37x24xf32>
  return %o : tensor<1x8x37x24xf32>
}

// MQA, causal top-left (offset 0) with more queries than keys: the rows past
// the last key see every key.
func.func @mqa_top_left(%q: tensor<2x4x40x16xf32>, %k: tensor<2x1x30x16xf32>, %v: tensor<2x1x30x16xf32>) -> tensor<2x4x40x16xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0 : tensor<2x4x40x16xf32>, tensor<2x1x30x16xf32>, tensor<2x1x30x16xf32> -> tensor<2x4x40x16xf32>
  return %o : tensor<2x4x40x16xf32>
}

// Bottom-right with Sq > Skv: the offset is −10, so the first 10 rows see
// no key at all and are zeros (never NaN).
func.func @more_queries_causal(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x20x8xf32>, %v: tensor<1x2x20x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x2x30x8xf32>, tensor<1x2x20x8xf32>, tensor<1x2x20x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// An explicit offset above Skv − Sq: the last rows see every key.
func.func @explicit_offset(%q: tensor<1x2x12x8xf32>, %k: tensor<1x2x14x8xf32>, %v: tensor<1x2x14x8xf32>) -> tensor<1x2x12x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 5 : tensor<1x2x12x8xf32>, tensor<1x2x14x8xf32>, tensor<1x2x14x8xf32> -> tensor<1x2x12x8xf32>
  return %o : tensor<1x2x12x8xf32>
}

// Head dims not a multiple of 4 or 2 (scalar copies and dot products), and
// Dv ≠ D.
func.func @odd_dims(%q: tensor<1x3x19x5xf32>, %k: tensor<1x3x23x5xf32>, %v: tensor<1x3x23x3xf32>) -> tensor<1x3x19x3xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x3x19x5xf32>, tensor<1x3x23x5xf32>, tensor<1x3x23x3xf32> -> tensor<1x3x19x3xf32>
  return %o : tensor<1x3x19x3xf32>
}

func.func @even_dims(%q: tensor<3x2x11x6xf32>, %k: tensor<3x2x33x6xf32>, %v: tensor<3x2x33x10xf32>) -> tensor<3x2x11x10xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<3x2x11x6xf32>, tensor<3x2x33x6xf32>, tensor<3x2x33x10xf32> -> tensor<3x2x11x10xf32>
  return %o : tensor<3x2x11x10xf32>
}

// An explicit scale.
func.func @scaled(%q: tensor<1x2x64x32xf32>, %k: tensor<1x2x64x32xf32>, %v: tensor<1x2x64x32xf32>) -> tensor<1x2x64x32xf32> {
  %o = attn.sdpa %q, %k, %v scale = 0.5 : tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32> -> tensor<1x2x64x32xf32>
  return %o : tensor<1x2x64x32xf32>
}

// A key-padding keep-mask (B×1×1×Skv, broadcast over heads and rows).
func.func @key_padding(%q: tensor<2x2x20x8xf32>, %k: tensor<2x2x24x8xf32>, %v: tensor<2x2x24x8xf32>, %m: tensor<2x1x1x24xi1>) -> tensor<2x2x20x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x24xi1>) : tensor<2x2x20x8xf32>, tensor<2x2x24x8xf32>, tensor<2x2x24x8xf32> -> tensor<2x2x20x8xf32>
  return %o : tensor<2x2x20x8xf32>
}

// An additive f32 bias per (row, key), with the causal rule on top.
func.func @bias_causal(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>, %m: tensor<13x13xf32>) -> tensor<1x2x13x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<13x13xf32>) causal : tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x13x8xf32>
  return %o : tensor<1x2x13x8xf32>
}

// f16 and bf16 operands that the tensor-core kernel does not take (kv-block
// 1, D = 8): widened to f32 when staged, f32 arithmetic (the FMA kernel;
// the tensor-core kernel is checked by gpu-emulation-mma.mlir).
func.func @f16_gqa(%q: tensor<1x4x17x16xf16>, %k: tensor<1x2x21x16xf16>, %v: tensor<1x2x21x16xf16>) -> tensor<1x4x17x16xf16> {
  %o = attn.sdpa %q, %k, %v : tensor<1x4x17x16xf16>, tensor<1x2x21x16xf16>, tensor<1x2x21x16xf16> -> tensor<1x4x17x16xf16>
  return %o : tensor<1x4x17x16xf16>
}

func.func @bf16_causal(%q: tensor<1x2x19x8xbf16>, %k: tensor<1x2x19x8xbf16>, %v: tensor<1x2x19x8xbf16>) -> tensor<1x2x19x8xbf16> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x2x19x8xbf16>, tensor<1x2x19x8xbf16>, tensor<1x2x19x8xbf16> -> tensor<1x2x19x8xbf16>
  return %o : tensor<1x2x19x8xbf16>
}
