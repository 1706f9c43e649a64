// attn-prune-heads: layers that cannot be scored, or whose scores would
// remove every head, are located errors.
// RUN: attn-opt %s -split-input-file -verify-diagnostics --attn-prune-heads=threshold=100

func.func @threshold_above_all(%x: tensor<1x3x2xf32>) -> tensor<1x3x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  // expected-error @+1 {{cannot prune layer 'l': threshold=100 would remove all 2 heads (the highest score is 13)}}
  %y = attn.mha name "l" %x weights(%w, %w, %w, %w) num_heads(2) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

func.func @argument_weights(%x: tensor<1x3x2xf32>, %w: tensor<2x2xf32>) -> tensor<1x3x2xf32> {
  // expected-error @+1 {{cannot score heads by their norms: Wq is not a constant}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) head_dim(1)
      : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}

// -----

func.func @scores_not_f64(%x: tensor<1x3x2xf32>, %w: tensor<2x2xf32>) -> tensor<1x3x2xf32> {
  // expected-error @+1 {{attn.head_scores must be an array<f64: ...> of one score per query head}}
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) head_dim(1)
      {attn.head_scores = [1.0, 2.0]}
      : (tensor<1x3x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>, tensor<2x2xf32>,
         tensor<2x2xf32>) -> tensor<1x3x2xf32>
  return %y : tensor<1x3x2xf32>
}
