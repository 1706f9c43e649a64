// attn-tile: attn.sdpa → forall (b, h, query block) × for (key/value block)
// over attn.online_attention. Sizes are pinned, or come from DLTI.
// RUN: attn-opt %s --attn-tile="query-block=32 kv-block=64" -split-input-file | FileCheck %s
// RUN: attn-opt %s --attn-tile -split-input-file | FileCheck %s --check-prefix=DLTI
// The key layout: forced to K as stored, or to transposed; unknown names fail.
// RUN: attn-opt %s --attn-tile="query-block=32 kv-block=64 key-layout=rows" -split-input-file | FileCheck %s --check-prefix=STORED
// RUN: attn-opt %s --attn-tile="key-layout=transposed" -split-input-file | FileCheck %s --check-prefix=TRANS
// RUN: not attn-opt %s --attn-tile=key-layout=sideways -split-input-file 2>&1 | FileCheck %s --check-prefix=BADLAYOUT
// BADLAYOUT: for the --key-layout option: Cannot find option named 'sideways'!

// GQA, causal (bottom-right: offset = Skv − Sq = 13), a boolean key-padding
// mask, ragged blocks (Sq = 77, Skv = 90).
// CHECK-DAG: #[[ROWS:.*]] = affine_map<(d0) -> (-d0 + 77, 32)>
// CHECK-DAG: #[[KVH:.*]] = affine_map<(d0) -> (d0 floordiv 2)>
// CHECK-DAG: #[[KVEND:.*]] = affine_map<(d0, d1) -> (90, d0 + d1 + 13)>
// CHECK-DAG: #[[SHIFT:.*]] = affine_map<(d0, d1, d2) -> (-d0 + d1 - d2)>
// CHECK-DAG: #[[DIAG:.*]] = affine_map<(d0, d1) -> (0, ((d0 - d1 + 1) floordiv 64) * 64)>
// CHECK-LABEL: func.func @gqa_causal_mask
// STORED-LABEL: func.func @gqa_causal_mask
// STORED-NOT: linalg.transpose
// STORED: attn.online_attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<1x?xf32>) into({{.*}}) causal_shift(%{{.*}}) scale = 1.250000e-01 : tensor<?x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
// CHECK: %[[ADD:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<1x1x1x90xi1>) outs(%{{.*}} : tensor<1x1x1x90xf32>)
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// K is transposed once, one (batch, KV head) per parallel iteration.
// CHECK: %[[KT:.*]] = scf.forall (%{{.*}}, %{{.*}}) in (1, 2) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<1x2x64x90xf32>)
// CHECK:   linalg.transpose ins(%{{.*}} : tensor<90x64xf32>) outs(%{{.*}} : tensor<64x90xf32>) permutation = [1, 0]
// The (batch, head, query block) loops come from attn.sdpa's TilingInterface
// (tile sizes 1, 1, 32); a causal tile reads only the keys its rows see,
// [0, min(90, i0 + rows + 13)), on which the default offset is its rule.
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]], %[[ROW0:.*]]) = (0, 0, 0) to (1, 4, 77) step (1, 1, 32) shared_outs(%[[OUT:.*]] = %{{.*}})
// CHECK:   %[[NROWS:.*]] = affine.min #[[ROWS]](%[[ROW0]])
// CHECK:   %[[END0:.*]] = affine.min #[[KVEND]](%[[ROW0]], %[[NROWS]])
// CHECK:   %[[END:.*]] = affine.max {{.*}}(%[[END0]])
// CHECK:   %[[HK:.*]] = affine.apply #[[KVH]](%[[H]])
// CHECK:   %[[QT4:.*]] = tensor.extract_slice %{{.*}}[%[[B]], %[[H]], %[[ROW0]], 0] [1, 1, %[[NROWS]], 64] [1, 1, 1, 1] : tensor<1x4x77x64xf32> to tensor<1x1x?x64xf32>
// CHECK:   %[[MT4:.*]] = tensor.extract_slice %[[ADD]][0, 0, 0, 0] [1, 1, 1, %[[END]]]
// CHECK:   %[[KT4:.*]] = tensor.extract_slice %[[KT]][%[[B]], %[[HK]], 0, 0] [1, 1, 64, %[[END]]]
// CHECK:   %[[QT:.*]] = tensor.extract_slice %[[QT4]][0, 0, 0, 0] [1, 1, %[[NROWS]], 64] {{.*}} to tensor<?x64xf32>
// The blocks wholly below the diagonal of the tile's first row (offset
// E − rows: keys [0, ⌊(E − rows + 1) / 64⌋·64)) run without the causal rule;
// only the blocks from there to E (the diagonal) carry a causal_shift.
// CHECK:   %[[DIAG0:.*]] = affine.max #[[DIAG]](%[[END]], %[[NROWS]])
// CHECK:   %[[DIAGB:.*]] = affine.min #{{.*}}(%[[DIAG0]], %[[END]])
// CHECK:   %[[BELOW:.*]]:3 = scf.for %{{.*}} = %{{.*}} to %[[DIAGB]] step %{{.*}} iter_args
// CHECK-NOT: causal_shift
// CHECK:     attn.online_attention {{.*}} key_transposed
// CHECK-NOT: causal_shift
// CHECK:     scf.yield
// CHECK:   scf.for %[[J:.*]] = %[[DIAGB]] to %[[END]] step %{{.*}} iter_args({{.*}} = %[[BELOW]]#0, {{.*}} = %[[BELOW]]#1, {{.*}} = %[[BELOW]]#2)
// CHECK:     %[[KTT:.*]] = tensor.extract_slice %[[KT4]][0, 0, 0, %[[J]]] [1, 1, 64, %{{.*}}] {{.*}} to tensor<64x?xf32>
// CHECK:     %[[MT:.*]] = tensor.extract_slice %[[MT4]][0, 0, 0, %[[J]]] [1, 1, 1, %{{.*}}] {{.*}} to tensor<1x?xf32>
// The shift in block coordinates: (E − rows) − j0, E − rows being the
// tile's default offset i0 + 13.
// CHECK:     %[[S:.*]] = affine.apply #[[SHIFT]](%[[J]], %[[END]], %[[NROWS]])
// CHECK:     attn.online_attention %[[QT]], %[[KTT]], %{{.*}} mask(%[[MT]] : tensor<1x?xf32>) into({{.*}}) causal_shift(%[[S]]) key_transposed scale = 1.250000e-01
// CHECK:   %[[OS:.*]] = tensor.extract_slice %[[OUT]][%[[B]], %[[H]], %[[ROW0]], 0] [1, 1, %[[NROWS]], 64]
// CHECK:   %[[O:.*]] = linalg.generic {{.*}} outs(%[[OS]] : tensor<?x64xf32>)
// CHECK:     arith.divf
// CHECK:   tensor.parallel_insert_slice %[[O]] into %[[OUT]][%[[B]], %[[H]], %[[ROW0]], 0] [1, 1, %[[NROWS]], 64]
func.func @gqa_causal_mask(%q: tensor<1x4x77x64xf32>, %k: tensor<1x2x90x64xf32>,
                           %v: tensor<1x2x90x64xf32>, %m: tensor<1x1x1x90xi1>)
    -> tensor<1x4x77x64xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x90xi1>) causal
      : tensor<1x4x77x64xf32>, tensor<1x2x90x64xf32>, tensor<1x2x90x64xf32> -> tensor<1x4x77x64xf32>
  return %o : tensor<1x4x77x64xf32>
}

// -----

// Not causal: every key/value block is visited; the additive f16 mask is
// used as it is; dynamic sequence lengths.
// CHECK-LABEL: func.func @dynamic_additive
// CHECK-NOT: linalg.transpose {{.*}}i1
// Dynamic sizes are checked at run time.
// CHECK: cf.assert %{{.*}}, "attn.sdpa at {{.*}}: key and value sequence lengths differ"
// CHECK: scf.forall
// CHECK: scf.forall {{.*}} = (0, 0, 0) to (2, 8, %{{.*}}) step (1, 1, 32)
// The key loop runs to Skv (a tensor.dim of K), not to a causal bound.
// CHECK: scf.for %{{.*}} = %{{.*}} to %dim{{.*}} step
// CHECK: attn.online_attention {{.*}} mask(%{{.*}} : tensor<?x?xf16>) into({{.*}}) key_transposed scale = 2.500000e-01 : tensor<?x32xf16>, tensor<32x?xf16>, tensor<?x32xf16>
// CHECK-NOT: causal_shift
func.func @dynamic_additive(%q: tensor<2x8x?x32xf16>, %k: tensor<2x8x?x32xf16>,
                            %m: tensor<2x8x?x?xf16>) -> tensor<2x8x?x32xf16> {
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<2x8x?x?xf16>) scale = 0.25
      : tensor<2x8x?x32xf16>, tensor<2x8x?x32xf16>, tensor<2x8x?x32xf16> -> tensor<2x8x?x32xf16>
  return %o : tensor<2x8x?x32xf16>
}

// -----

// A decoding step (one static query row): by default K is read as stored
// (a transposed copy would triple the traffic of a memory-bound step), the
// single query block's rows are static (the query dim is not tiled), and Skv = 300 < 2048 needs no
// split-K.
// CHECK-LABEL: func.func @decode
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (1, 8)
// CHECK: attn.online_attention {{.*}} into({{.*}}) scale = 1.250000e-01 : tensor<1x64xf32>, tensor<?x64xf32>, tensor<?x64xf32> -> tensor<1x64xf32>, tensor<1xf32>, tensor<1xf32>
// TRANS-LABEL: func.func @decode
// TRANS: linalg.transpose
// TRANS: attn.online_attention {{.*}} key_transposed
func.func @decode(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x300x64xf32>) -> tensor<1x8x1x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x8x1x64xf32>, tensor<1x8x300x64xf32>, tensor<1x8x300x64xf32> -> tensor<1x8x1x64xf32>
  return %o : tensor<1x8x1x64xf32>
}

// -----

// 32 query heads packed as the rows of one block (attn-pack-query-groups's
// mark): still a decoding step, so K is read as stored and the 4096 keys
// are split in two, although the block has 32 rows.
// CHECK-LABEL: func.func @packed_heads
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) in (1, 1, 1, 2)
// CHECK: attn.online_attention {{.*}} : tensor<32x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
// Without the mark the same shape is a 32-row prefill: transposed, unsplit.
// CHECK-LABEL: func.func @unmarked
// CHECK: linalg.transpose
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (1, 1)
func.func @packed_heads(%q: tensor<1x1x32x64xf32>, %k: tensor<1x1x4096x64xf32>) -> tensor<1x1x32x64xf32> {
  %o = attn.sdpa %q, %k, %k {attn.packed_query_heads = 32 : i64} : tensor<1x1x32x64xf32>, tensor<1x1x4096x64xf32>, tensor<1x1x4096x64xf32> -> tensor<1x1x32x64xf32>
  return %o : tensor<1x1x32x64xf32>
}
func.func @unmarked(%q: tensor<1x1x32x64xf32>, %k: tensor<1x1x4096x64xf32>) -> tensor<1x1x32x64xf32> {
  %o = attn.sdpa %q, %k, %k : tensor<1x1x32x64xf32>, tensor<1x1x4096x64xf32>, tensor<1x1x4096x64xf32> -> tensor<1x1x32x64xf32>
  return %o : tensor<1x1x32x64xf32>
}

// -----

// Other ops are left alone.
// CHECK-LABEL: func.func @no_sdpa
// CHECK-NEXT: arith.addf
// CHECK-NEXT: return
func.func @no_sdpa(%a: f32) -> f32 {
  %b = arith.addf %a, %a : f32
  return %b : f32
}

// -----

// Without explicit sizes: K and V of a key/value block fill twice L1
// (2 · 16 KiB / ((32 + 32) · 4 B) = 128 keys; the 32 KiB fallback would
// give 256), the query block a quarter of L2 (64 KiB / 4 / (32 · 4 B) =
// 128 rows; the 1 MiB fallback would give 256).
// DLTI-LABEL: func.func @from_dlti
// DLTI: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}) = (0, 0, 0) to (1, 2, 256) step (1, 1, 128)
// DLTI: %[[C128:.*]] = arith.constant 128 : index
// DLTI: scf.for {{.*}} step %[[C128]]
module attributes {dlti.target_system_spec = #dlti.target_system_spec<
    "CPU" = #dlti.target_device_spec<"L1_cache_size_in_bytes" = 16384 : i64,
                                     "L2_cache_size_in_bytes" = 65536 : i64>>} {
  func.func @from_dlti(%q: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
    %o = attn.sdpa %q, %q, %q : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32> -> tensor<1x2x256x32xf32>
    return %o : tensor<1x2x256x32xf32>
  }
}
