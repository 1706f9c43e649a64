// attn-prune-heads: a drop list that cannot be applied to a layer is a
// located error, and the layer is left alone.
// RUN: attn-opt %s -split-input-file -verify-diagnostics --attn-prune-heads=drop=*:0:1

func.func @all_heads(%x: tensor<1x3x2xf32>, %w: tensor<2x2xf32>) -> tensor<1x3x2xf32> {
  // expected-error @+1 {{cannot prune layer 'two': the drop list would remove all 2 heads}}
  %y = attn.mha name "two" %x weights(%w, %w, %w, %w) num_heads(2) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

func.func @no_such_head(%x: tensor<1x3x1xf32>, %w: tensor<1x1xf32>) -> tensor<1x3x1xf32> {
  // expected-error @+1 {{cannot prune an unnamed layer: the drop list names head 1, but the layer has heads 0 to 0}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(1) head_dim(1)
      : (tensor<1x3x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>,
         tensor<1x1xf32>) -> tensor<1x3x1xf32>
  return %y : tensor<1x3x1xf32>
}

// -----

// Multi-query attention: heads 0 and 1 are half of the one KV group.
func.func @part_of_a_group(%x: tensor<1x3x4xf32>, %wq: tensor<4x4xf32>, %wkv: tensor<4x1xf32>,
                           %wo: tensor<4x4xf32>) -> tensor<1x3x4xf32> {
  // expected-error @+1 {{the drop list names 2 of the 4 query heads of KV group 0 (heads 0 to 3); with gqa=groups it must name whole groups}}
  %y = attn.mha %x weights(%wq, %wkv, %wkv, %wo) num_heads(4) num_kv_heads(1) head_dim(1)
      : (tensor<1x3x4xf32>, tensor<4x4xf32>, tensor<4x1xf32>, tensor<4x1xf32>,
         tensor<4x4xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}

// -----

func.func @bad_scores_attribute(%x: tensor<1x3x4xf32>, %w: tensor<4x4xf32>) -> tensor<1x3x4xf32> {
  // expected-error @+1 {{attn.head_scores holds 3 scores, but the layer has 4 heads}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(4) head_dim(1)
      {attn.head_scores = array<f64: 1.0, 2.0, 3.0>}
      : (tensor<1x3x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>) -> tensor<1x3x4xf32>
  return %y : tensor<1x3x4xf32>
}
