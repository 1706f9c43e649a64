// Causal attention: query i sees key j iff j <= i + offset, the offset
// defaulting to Skv - Sq (bottom-right) and 0 being top-left.

// RUN: attn-run %s --function square --check | FileCheck %s
// RUN: attn-run %s --function square --check --init small-int | FileCheck %s
// RUN: attn-run %s --function fewer_queries --check | FileCheck %s
// RUN: attn-run %s --function more_queries --check | FileCheck %s
// RUN: attn-run %s --function top_left --check | FileCheck %s
// RUN: attn-run %s --function top_left_square --check --init small-int | FileCheck %s
// RUN: attn-run %s --function explicit_offset --check | FileCheck %s
// RUN: attn-run %s --function gqa_odd --check | FileCheck %s
// The untiled lowering and the single-threaded code agree too.
// RUN: attn-run %s --function fewer_queries --check --pipeline-options=tile=false | FileCheck %s
// RUN: attn-run %s --function more_queries --check --pipeline-options=tile=false | FileCheck %s
// RUN: attn-run %s --function top_left --check --pipeline-options=tile=false | FileCheck %s
// RUN: attn-run %s --function gqa_odd --check --pipeline-options="parallel=false query-block=8 kv-block=16" | FileCheck %s
// Query blocks smaller than Sq: each block reads the keys its rows see (the
// tiling interface cuts them; the default offset there is the block's own
// rule), also for a negative default offset (blocks that see no key), an
// explicit offset below Skv - Sq, and one above it (the rows are split into
// those that see part of the keys and those that see them all).
// RUN: attn-run %s --function more_queries --check --pipeline-options="query-block=2 kv-block=2" | FileCheck %s
// RUN: attn-run %s --function top_left --check --pipeline-options="query-block=4 kv-block=4" | FileCheck %s
// RUN: attn-run %s --function explicit_offset --check --pipeline-options="query-block=4 kv-block=4" | FileCheck %s
// A dynamic query length with an explicit offset: the split point is only
// known when the code runs, and either part may be empty.
// RUN: attn-run %s --function dyn_offset --arg-shape 0=1x2x7x8 --arg-shape 1=1x2x5x8 --arg-shape 2=1x2x5x8 --check --pipeline-options="query-block=2 kv-block=2" | FileCheck %s
// RUN: attn-run %s --function dyn_offset --arg-shape 0=1x2x3x8 --arg-shape 1=1x2x9x8 --arg-shape 2=1x2x9x8 --check --pipeline-options="query-block=2 kv-block=4" | FileCheck %s
// RUN: attn-run %s --function dyn_offset --arg-shape 0=1x2x9x8 --arg-shape 1=1x2x2x8 --arg-shape 2=1x2x2x8 --check | FileCheck %s
// Long enough for several key/value blocks and chunks per query block:
// the blocks wholly below the diagonal run without the causal rule, the
// diagonal ones with it, and inside the kernel each row group skips the
// chunks past its last row's limit and runs those before its first row's
// limit unmasked (issue 11). Sq = Skv = 301 (no multiple of any tile), GQA,
// batch 2; offsets that move the diagonal (positive, negative: rows that
// see no key); dynamic lengths; the default sizes and small ones.
// RUN: attn-run %s --function long_gqa --check | FileCheck %s
// RUN: attn-run %s --function long_gqa --check --init small-int | FileCheck %s
// RUN: attn-run %s --function long_gqa --check --pipeline-options="query-block=32 kv-block=64" | FileCheck %s
// RUN: attn-run %s --function long_gqa --check --pipeline-options="query-block=48 kv-block=80 vector-lanes=8" | FileCheck %s
// RUN: attn-run %s --function long_offsets --check | FileCheck %s
// RUN: attn-run %s --function long_offsets --check --pipeline-options="query-block=16 kv-block=64" | FileCheck %s
// RUN: attn-run %s --function long_dyn --arg-shape 0=2x4x257x64 --arg-shape 1=2x2x300x64 --arg-shape 2=2x2x300x64 --check | FileCheck %s
// RUN: attn-run %s --function long_dyn --arg-shape 0=1x4x300x64 --arg-shape 1=1x2x300x64 --arg-shape 2=1x2x300x64 --check --pipeline-options="query-block=64 kv-block=64" | FileCheck %s

// CHECK: reference: attn ops evaluated by attn::ref in double precision
// CHECK-NEXT: result 0: max abs err {{.*}} PASS

func.func @square(%q: tensor<1x4x16x8xf32>, %k: tensor<1x4x16x8xf32>,
                  %v: tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>
      -> tensor<1x4x16x8xf32>
  return %o : tensor<1x4x16x8xf32>
}

// Sq < Skv (a KV cache): bottom-right, the last query sees every key.
func.func @fewer_queries(%q: tensor<2x2x5x8xf32>, %k: tensor<2x2x12x8xf32>,
                         %v: tensor<2x2x12x8xf32>) -> tensor<2x2x5x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<2x2x5x8xf32>, tensor<2x2x12x8xf32>, tensor<2x2x12x8xf32>
      -> tensor<2x2x5x8xf32>
  return %o : tensor<2x2x5x8xf32>
}

// Sq > Skv: the offset is negative, the first rows see no key (zeros).
func.func @more_queries(%q: tensor<1x2x9x8xf32>, %k: tensor<1x2x4x8xf32>,
                        %v: tensor<1x2x4x8xf32>) -> tensor<1x2x9x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x2x9x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
      -> tensor<1x2x9x8xf32>
  return %o : tensor<1x2x9x8xf32>
}

// Top-left (PyTorch's is_causal) with Sq != Skv.
func.func @top_left(%q: tensor<1x2x6x8xf32>, %k: tensor<1x2x10x8xf32>,
                    %v: tensor<1x2x10x8xf32>) -> tensor<1x2x6x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0
      : tensor<1x2x6x8xf32>, tensor<1x2x10x8xf32>, tensor<1x2x10x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

func.func @top_left_square(%q: tensor<1x2x8x8xf32>, %k: tensor<1x2x8x8xf32>,
                           %v: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 0
      : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>
      -> tensor<1x2x8x8xf32>
  return %o : tensor<1x2x8x8xf32>
}

func.func @explicit_offset(%q: tensor<1x2x6x8xf32>, %k: tensor<1x2x6x8xf32>,
                           %v: tensor<1x2x6x8xf32>) -> tensor<1x2x6x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 2
      : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

// Causal GQA at sizes that are multiples of nothing.
func.func @gqa_odd(%q: tensor<1x6x37x24xf32>, %k: tensor<1x2x37x24xf32>,
                   %v: tensor<1x2x37x24xf32>) -> tensor<1x6x37x24xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x6x37x24xf32>, tensor<1x2x37x24xf32>, tensor<1x2x37x24xf32>
      -> tensor<1x6x37x24xf32>
  return %o : tensor<1x6x37x24xf32>
}

// A dynamic query length and key length with an explicit offset.
func.func @dyn_offset(%q: tensor<1x2x?x8xf32>, %k: tensor<1x2x?x8xf32>,
                      %v: tensor<1x2x?x8xf32>) -> tensor<1x2x?x8xf32> {
  %o = attn.sdpa %q, %k, %v causal offset = 3
      : tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>, tensor<1x2x?x8xf32>
      -> tensor<1x2x?x8xf32>
  return %o : tensor<1x2x?x8xf32>
}

func.func @long_gqa(%q: tensor<2x4x301x64xf32>, %k: tensor<2x2x301x64xf32>,
                    %v: tensor<2x2x301x64xf32>) -> tensor<2x4x301x64xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<2x4x301x64xf32>, tensor<2x2x301x64xf32>, tensor<2x2x301x64xf32>
      -> tensor<2x4x301x64xf32>
  return %o : tensor<2x4x301x64xf32>
}

// 200 queries over 333 keys: offset 70 (< Skv − Sq = 133, tiled as it is)
// and −37 (the first 37 rows see no key).
func.func @long_offsets(%q: tensor<1x2x200x64xf32>, %k: tensor<1x2x333x64xf32>,
                        %v: tensor<1x2x333x64xf32>)
    -> (tensor<1x2x200x64xf32>, tensor<1x2x200x64xf32>) {
  %a = attn.sdpa %q, %k, %v causal offset = 70
      : tensor<1x2x200x64xf32>, tensor<1x2x333x64xf32>, tensor<1x2x333x64xf32>
      -> tensor<1x2x200x64xf32>
  %b = attn.sdpa %q, %k, %v causal offset = -37
      : tensor<1x2x200x64xf32>, tensor<1x2x333x64xf32>, tensor<1x2x333x64xf32>
      -> tensor<1x2x200x64xf32>
  return %a, %b : tensor<1x2x200x64xf32>, tensor<1x2x200x64xf32>
}

func.func @long_dyn(%q: tensor<?x4x?x64xf32>, %k: tensor<?x2x?x64xf32>,
                    %v: tensor<?x2x?x64xf32>) -> tensor<?x4x?x64xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<?x4x?x64xf32>, tensor<?x2x?x64xf32>, tensor<?x2x?x64xf32>
      -> tensor<?x4x?x64xf32>
  return %o : tensor<?x4x?x64xf32>
}
