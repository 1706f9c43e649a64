func.func @residuals(%x: tensor<1x6x8xf32>, %w: tensor<8x8xf32>,
    %g: tensor<8xf32>, %b: tensor<8xf32>, %wq: tensor<8x8xf32>,
    %wk: tensor<8x8xf32>, %wv: tensor<8x8xf32>, %wo: tensor<8x8xf32>)
    -> tensor<1x6x8xf32> {
  %r0 = attn.residual %x : tensor<1x6x8xf32> {
  ^bb0(%h: tensor<1x6x8xf32>):
    %e = tensor.empty() : tensor<1x6x8xf32>
    %t = linalg.generic {
        indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>,
                         affine_map<(a, b, c) -> (a, b, c)>],
        iterator_types = ["parallel", "parallel", "parallel"]}
        ins(%h : tensor<1x6x8xf32>) outs(%e : tensor<1x6x8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %th = math.tanh %in : f32
      linalg.yield %th : f32
    } -> tensor<1x6x8xf32>
    attn.yield %t : tensor<1x6x8xf32>
  }
  %r1 = attn.residual %r0 norm(pre, %g, %b : tensor<8xf32>, tensor<8xf32>)
      : tensor<1x6x8xf32> {
  ^bb0(%h: tensor<1x6x8xf32>):
    %a = attn.mha %h weights(%wq, %wk, %wv, %wo)
        num_heads(2) num_kv_heads(2) head_dim(4)
        : (tensor<1x6x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>,
           tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x6x8xf32>
    attn.yield %a : tensor<1x6x8xf32>
  }
  %r2 = attn.residual %r1 norm(post, %g, %b : tensor<8xf32>, tensor<8xf32>)
      {epsilon = 1.000000e-03 : f32} : tensor<1x6x8xf32> {
  ^bb0(%h: tensor<1x6x8xf32>):
    %init = tensor.empty() : tensor<1x6x8xf32>
    %wb = tensor.expand_shape %w [[0, 1], [2]] output_shape [1, 8, 8]
        : tensor<8x8xf32> into tensor<1x8x8xf32>
    %zero = arith.constant 0.0 : f32
    %z = linalg.fill ins(%zero : f32) outs(%init : tensor<1x6x8xf32>)
        -> tensor<1x6x8xf32>
    %m = linalg.batch_matmul ins(%h, %wb : tensor<1x6x8xf32>, tensor<1x8x8xf32>)
        outs(%z : tensor<1x6x8xf32>) -> tensor<1x6x8xf32>
    attn.yield %m : tensor<1x6x8xf32>
  }
  return %r2 : tensor<1x6x8xf32>
}
