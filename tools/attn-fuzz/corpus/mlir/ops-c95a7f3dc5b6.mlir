func.func @residuals(%x: tensor<2x10x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>)
    -> tensor<2x10x16xf32> {
  %r0 = attn.residual %x : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    attn.yield %h : tensor<2x10x16xf32>
  }
  %r1 = attn.residual %r0 norm(pre, %g, %b : tensor<16xf32>, tensor<16xf32>) : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    %w = attn.weight_ref @shared : tensor<16x16xf32>
    %y = attn.mha %h weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
        : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
           tensor<16x16xf32>) -> tensor<2x10x16xf32>
    attn.yield %y : tensor<2x10x16xf32>
  }
  %r2 = attn.residual %r1 norm(post, %g, %b : tensor<16xf32>, tensor<16xf32>) {epsilon = 1.0e-6 : f32} : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    attn.yield %h : tensor<2x10x16xf32>
  }
  return %r2 : tensor<2x10x16xf32>
}
