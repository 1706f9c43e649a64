// The contractions attn's layers decompose into go to attn's matmul kernel:
// attn.mha's four projections (their bias adds fused) and an attn.residual
// FFN (bias + GELU fused into the first matmul, bias into the second), with
// the constant weights packed at compile time. Only the attention itself
// (attn.sdpa), the head transposes and the residual add + layer norm
// (behind a reshape, not fused) stay.
// RUN: attn-opt %s --attn-decompose-layers --canonicalize --attn-matmul-kernel="lanes=16" | FileCheck %s

// CHECK-DAG: attn.weight @wq.packed32 = dense_resource<wq.packed32> : tensor<2x64x32xf32>
// CHECK-DAG: attn.weight @w1.packed32 = dense_resource<w1.packed32> : tensor<4x64x32xf32>
// CHECK-DAG: attn.weight @w2.packed32 = dense_resource<w2.packed32> : tensor<2x128x32xf32>
// CHECK-NOT: attn.weight @wq =
// CHECK-LABEL: func.func @layer
// CHECK-NOT: linalg.matmul
// Q, K, V projections (Q's bias fused: no element-wise op after it).
// CHECK-COUNT-3: scf.forall
// CHECK-NOT: linalg.generic
// CHECK: attn.sdpa
// The output projection, FFN 1 with bias and GELU, FFN 2.
// CHECK: scf.forall
// CHECK: scf.forall
// CHECK: math.erf {{.*}} : vector<16xf32>
// CHECK: scf.forall
// CHECK-NOT: linalg.matmul
// CHECK: return

attn.weight @wq = dense<0.01> : tensor<64x64xf32>
attn.weight @wk = dense<0.02> : tensor<64x64xf32>
attn.weight @wv = dense<0.03> : tensor<64x64xf32>
attn.weight @wo = dense<0.04> : tensor<64x64xf32>
attn.weight @bq = dense<0.1> : tensor<64xf32>
attn.weight @w1 = dense<0.05> : tensor<64x128xf32>
attn.weight @b1 = dense<0.2> : tensor<128xf32>
attn.weight @w2 = dense<0.06> : tensor<128x64xf32>
attn.weight @g = dense<1.0> : tensor<64xf32>
attn.weight @beta = dense<0.0> : tensor<64xf32>
func.func @layer(%x: tensor<1x16x64xf32>) -> tensor<1x16x64xf32> {
  %wq = attn.weight_ref @wq : tensor<64x64xf32>
  %wk = attn.weight_ref @wk : tensor<64x64xf32>
  %wv = attn.weight_ref @wv : tensor<64x64xf32>
  %wo = attn.weight_ref @wo : tensor<64x64xf32>
  %bq = attn.weight_ref @bq : tensor<64xf32>
  %a = attn.mha %x weights(%wq, %wk, %wv, %wo) bias_q(%bq) num_heads(4) num_kv_heads(4) head_dim(16)
      : (tensor<1x16x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
  %g = attn.weight_ref @g : tensor<64xf32>
  %beta = attn.weight_ref @beta : tensor<64xf32>
  %y = attn.residual %a norm(post, %g, %beta : tensor<64xf32>, tensor<64xf32>) {epsilon = 1.000000e-05 : f32} : tensor<1x16x64xf32> {
  ^bb0(%h: tensor<1x16x64xf32>):
    %w1 = attn.weight_ref @w1 : tensor<64x128xf32>
    %b1 = attn.weight_ref @b1 : tensor<128xf32>
    %w2 = attn.weight_ref @w2 : tensor<128x64xf32>
    %rows = tensor.collapse_shape %h [[0, 1], [2]] : tensor<1x16x64xf32> into tensor<16x64xf32>
    %zero = arith.constant 0.0 : f32
    %e1 = tensor.empty() : tensor<16x128xf32>
    %z1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<16x128xf32>) -> tensor<16x128xf32>
    %h1 = linalg.matmul ins(%rows, %w1 : tensor<16x64xf32>, tensor<64x128xf32>) outs(%z1 : tensor<16x128xf32>) -> tensor<16x128xf32>
    %g1 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
        ins(%h1, %b1 : tensor<16x128xf32>, tensor<128xf32>) outs(%e1 : tensor<16x128xf32>) {
    ^bb0(%v: f32, %bias: f32, %o: f32):
      %u = arith.addf %v, %bias : f32
      %half = arith.constant 0.5 : f32
      %one = arith.constant 1.0 : f32
      %rsqrt2 = arith.constant 0.707106769 : f32
      %us = arith.mulf %u, %rsqrt2 : f32
      %erf = math.erf %us : f32
      %onep = arith.addf %one, %erf : f32
      %hu = arith.mulf %half, %u : f32
      %gelu = arith.mulf %hu, %onep : f32
      linalg.yield %gelu : f32
    } -> tensor<16x128xf32>
    %e2 = tensor.empty() : tensor<16x64xf32>
    %z2 = linalg.fill ins(%zero : f32) outs(%e2 : tensor<16x64xf32>) -> tensor<16x64xf32>
    %h2 = linalg.matmul ins(%g1, %w2 : tensor<16x128xf32>, tensor<128x64xf32>) outs(%z2 : tensor<16x64xf32>) -> tensor<16x64xf32>
    %ffn = tensor.expand_shape %h2 [[0, 1], [2]] output_shape [1, 16, 64] : tensor<16x64xf32> into tensor<1x16x64xf32>
    attn.yield %ffn : tensor<1x16x64xf32>
  }
  return %y : tensor<1x16x64xf32>
}
