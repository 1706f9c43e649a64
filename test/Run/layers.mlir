// attn.mha (self- and cross-attention) and attn.residual, checked against
// the reference; functions mixing attn ops with upstream ops take the
// route where only the attn ops are evaluated by attn::ref.

// RUN: attn-run %s --function self_attention --check | FileCheck %s --check-prefixes=CHECK,ATTN
// RUN: attn-run %s --function self_attention --check --init small-int | FileCheck %s --check-prefix=ATTN
// RUN: attn-run %s --function cross_attention --check | FileCheck %s --check-prefix=ATTN
// RUN: attn-run %s --function cross_attention --check --init small-int --seed 2 | FileCheck %s --check-prefix=ATTN
// RUN: attn-run %s --function causal_mha --check | FileCheck %s --check-prefix=ATTN
// RUN: attn-run %s --function residuals --check | FileCheck %s --check-prefix=MIXED
// RUN: attn-run %s --function shared_weights --check | FileCheck %s --check-prefix=WEIGHTS
// RUN: attn-run %s --function strided_views --check | FileCheck %s --check-prefix=VIEWS

// CHECK: @self_attention: random normal inputs (seed 0)
// CHECK-NEXT: result 0: 2x7x16 f32 (tensor<2x7x16xf32>)
// ATTN: reference: attn ops evaluated by attn::ref in double precision; 0 upstream ops compiled with upstream lowering
// ATTN-NEXT: result 0: max abs err {{.*}} PASS

// MIXED: reference: attn ops evaluated by attn::ref in double precision; 7 upstream ops compiled with upstream lowering
// MIXED-NEXT: result 0: max abs err {{.*}} PASS

// VIEWS: reference: attn ops evaluated by attn::ref in double precision; 3 upstream ops compiled with upstream lowering
// VIEWS-NEXT: result 0: max abs err {{.*}} PASS

// WEIGHTS: reference: attn ops evaluated by attn::ref in double precision; 0 upstream ops compiled with upstream lowering
// WEIGHTS-NEXT: result 0: max abs err {{.*}} PASS

// GQA self-attention with every bias and a key-padding mask.
func.func @self_attention(%x: tensor<2x7x16xf32>, %wq: tensor<16x16xf32>,
    %wk: tensor<16x8xf32>, %wv: tensor<16x8xf32>, %wo: tensor<16x16xf32>,
    %bq: tensor<16xf32>, %bk: tensor<8xf32>, %bv: tensor<8xf32>,
    %bo: tensor<16xf32>, %pad: tensor<2x1x1x7xi1>) -> tensor<2x7x16xf32> {
  %y = attn.mha %x weights(%wq, %wk, %wv, %wo) bias_q(%bq) bias_k(%bk)
      bias_v(%bv) bias_o(%bo) mask(%pad)
      num_heads(4) num_kv_heads(2) head_dim(4)
      : (tensor<2x7x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>,
         tensor<16x8xf32>, tensor<16x16xf32>, tensor<16xf32>, tensor<8xf32>,
         tensor<8xf32>, tensor<16xf32>, tensor<2x1x1x7xi1>)
      -> tensor<2x7x16xf32>
  return %y : tensor<2x7x16xf32>
}

// Cross-attention: queries from a decoder state (Sq = 5, model 16), keys
// and values from an encoder output of another length and width (Skv = 9,
// model 12); the output width (20) differs from both.
func.func @cross_attention(%y: tensor<2x5x16xf32>, %enc: tensor<2x9x12xf32>,
    %wq: tensor<16x24xf32>, %wk: tensor<12x24xf32>, %wv: tensor<12x24xf32>,
    %wo: tensor<24x20xf32>, %bo: tensor<20xf32>) -> tensor<2x5x20xf32> {
  %o = attn.mha %y kv(%enc) weights(%wq, %wk, %wv, %wo) bias_o(%bo)
      num_heads(3) num_kv_heads(3) head_dim(8)
      : (tensor<2x5x16xf32>, tensor<2x9x12xf32>, tensor<16x24xf32>,
         tensor<12x24xf32>, tensor<12x24xf32>, tensor<24x20xf32>,
         tensor<20xf32>) -> tensor<2x5x20xf32>
  return %o : tensor<2x5x20xf32>
}

// Causal MQA layer with an explicit scale.
func.func @causal_mha(%x: tensor<1x9x16xf32>, %wq: tensor<16x16xf32>,
    %wk: tensor<16x4xf32>, %wv: tensor<16x4xf32>, %wo: tensor<16x16xf32>)
    -> tensor<1x9x16xf32> {
  %y = attn.mha %x weights(%wq, %wk, %wv, %wo)
      num_heads(4) num_kv_heads(1) head_dim(4) causal scale = 1.250000e-01
      : (tensor<1x9x16xf32>, tensor<16x16xf32>, tensor<16x4xf32>,
         tensor<16x4xf32>, tensor<16x16xf32>) -> tensor<1x9x16xf32>
  return %y : tensor<1x9x16xf32>
}

// Residual blocks without a norm, with a pre-norm and with a post-norm,
// around upstream bodies (a matmul, a tanh) and an attention layer.
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

// One named weight used by two layers (weight sharing).
attn.weight @shared.wq = dense<[[0.5, -0.25, 0.125, 0.0],
                                [0.25, 0.5, -0.5, 0.125],
                                [-0.125, 0.25, 0.5, -0.25],
                                [0.0, -0.5, 0.25, 0.5]]> : tensor<4x4xf32>
func.func @shared_weights(%x: tensor<1x5x4xf32>, %wk: tensor<4x4xf32>,
    %wv: tensor<4x4xf32>, %wo: tensor<4x4xf32>) -> tensor<1x5x4xf32> {
  %wq = attn.weight_ref @shared.wq : tensor<4x4xf32>
  %wq2 = attn.weight_ref @shared.wq : tensor<4x4xf32>
  %a = attn.mha %x weights(%wq, %wk, %wv, %wo)
      num_heads(2) num_kv_heads(2) head_dim(2)
      : (tensor<1x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x5x4xf32>
  %b = attn.mha %a weights(%wq2, %wk, %wv, %wq2)
      num_heads(1) num_kv_heads(1) head_dim(4)
      : (tensor<1x5x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>,
         tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<1x5x4xf32>
  return %b : tensor<1x5x4xf32>
}

// Q, K and V are overlapping strided slices of one argument: the reference
// calls receive non-contiguous buffers (or copies of them).
func.func @strided_views(%qkv: tensor<1x8x12x16xf32>) -> tensor<1x4x8x16xf32> {
  %q = tensor.extract_slice %qkv[0, 0, 2, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %k = tensor.extract_slice %qkv[0, 4, 0, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %v = tensor.extract_slice %qkv[0, 2, 4, 0] [1, 4, 8, 16] [1, 1, 1, 1]
      : tensor<1x8x12x16xf32> to tensor<1x4x8x16xf32>
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32>
      -> tensor<1x4x8x16xf32>
  return %o : tensor<1x4x8x16xf32>
}
