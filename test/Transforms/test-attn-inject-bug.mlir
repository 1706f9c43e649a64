// test-attn-inject-bug (test/lib): each bug rewrites attn.sdpa into the
// wrong attention it names; test/Run/inject-bug.mlir shows --check
// catching each. Ops a bug cannot affect are left alone.
// REQUIRES: attn-test-passes
// RUN: attn-opt %s -split-input-file --test-attn-inject-bug=bug=wrong-scale | FileCheck %s --check-prefix=SCALE
// RUN: attn-opt %s -split-input-file --test-attn-inject-bug=bug=ignore-mask | FileCheck %s --check-prefix=MASK
// RUN: attn-opt %s -split-input-file --test-attn-inject-bug=bug=wrong-grouping | FileCheck %s --check-prefix=GROUP
// RUN: attn-opt %s -split-input-file -verify-diagnostics --test-attn-inject-bug=bug=causal-off-by-one | FileCheck %s --check-prefix=CAUSAL
// RUN: not attn-opt %s -split-input-file --test-attn-inject-bug 2>&1 | FileCheck %s --check-prefix=NONE
// NONE: test-attn-inject-bug: choose a bug
// RUN: not attn-opt %s --test-attn-inject-bug=bug=typo 2>&1 | FileCheck %s --check-prefix=TYPO
// TYPO: Cannot find option named 'typo'

// GQA (4 query heads, 2 KV heads), a key-padding mask, bottom-right causal
// (offset Skv − Sq = 2), default scale 1/sqrt(8).
// SCALE-LABEL: func.func @gqa_pad_causal
// SCALE: attn.sdpa {{.*}} causal scale = 1.250000e-01 :
// MASK-LABEL: func.func @gqa_pad_causal
// MASK: attn.sdpa %{{[^ ,]+}}, %{{[^ ,]+}}, %{{[^ ,]+}} causal :
// Query head h reads K/V head h mod 2: both expanded to 4 heads that way.
// GROUP-DAG: #[[MOD:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1 mod 2, d2, d3)>
// GROUP-LABEL: func.func @gqa_pad_causal
// GROUP: %[[K4:.*]] = linalg.generic {indexing_maps = [#[[MOD]], {{.*}}]{{.*}} ins(%arg1 : tensor<1x2x6x8xf32>) outs(%{{.*}} : tensor<1x4x6x8xf32>)
// GROUP: %[[V4:.*]] = linalg.generic {indexing_maps = [#[[MOD]], {{.*}}]{{.*}} ins(%arg2 : tensor<1x2x6x8xf32>) outs(%{{.*}} : tensor<1x4x6x8xf32>)
// GROUP: attn.sdpa %arg0, %[[K4]], %[[V4]] mask(%arg3 : tensor<1x1x1x6xi1>) causal : tensor<1x4x4x8xf32>, tensor<1x4x6x8xf32>, tensor<1x4x6x8xf32>
// CAUSAL-LABEL: func.func @gqa_pad_causal
// CAUSAL: attn.sdpa {{.*}} causal offset = 3 :
func.func @gqa_pad_causal(%q: tensor<1x4x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                          %v: tensor<1x2x6x8xf32>, %m: tensor<1x1x1x6xi1>)
    -> tensor<1x4x4x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x6xi1>) causal
      : tensor<1x4x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x4x4x8xf32>
  return %o : tensor<1x4x4x8xf32>
}

// -----

// An explicit offset moves by one; multi-head attention has no grouping to
// get wrong and a non-causal op no diagonal: both stay as they are.
// CAUSAL-LABEL: func.func @mha_top_left
// CAUSAL: attn.sdpa {{.*}} causal offset = 1 scale = 5.000000e-01 :
// GROUP-LABEL: func.func @mha_top_left
// GROUP-NOT: linalg.generic
// GROUP: attn.sdpa %arg0, %arg0, %arg0 causal offset = 0 scale = 5.000000e-01 :
// SCALE-LABEL: func.func @mha_top_left
// SCALE: attn.sdpa {{.*}} causal offset = 0 scale = 6.250000e-02 :
func.func @mha_top_left(%q: tensor<1x2x4x16xf32>) -> tensor<1x2x4x16xf32> {
  %o = attn.sdpa %q, %q, %q causal offset = 0 scale = 0.5
      : tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x4x16xf32>
  return %o : tensor<1x2x4x16xf32>
}

// -----

// The off-by-one offset is written as an attribute, so the default offset
// must be static.
// SCALE-LABEL: func.func @dynamic_lengths
// SCALE: attn.sdpa {{.*}} causal scale = 6.250000e-02 :
func.func @dynamic_lengths(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>)
    -> tensor<1x2x?x16xf32> {
  // expected-error @+1 {{causal-off-by-one needs static sequence lengths or an explicit causal offset}}
  %o = attn.sdpa %q, %k, %k causal
      : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>
      -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}
