// consumer-opt and consumer-capi, built against an installed attn, on attn
// IR. scripts/test-consumer.sh runs this file with lit (lit.cfg.py here).
// RUN: consumer-opt %s --consumer-count-attention --verify-diagnostics \
// RUN:   | FileCheck %s
// RUN: consumer-capi %s | FileCheck %s --check-prefix=CAPI
// attn's own CPU pipeline through the installed package: every attn op
// (sdpa, mha, residual, weights) down to the LLVM dialect.
// RUN: consumer-opt %s --attn-cpu-pipeline | FileCheck %s --check-prefix=LLVM
// LLVM-DAG: llvm.func @gqa(
// LLVM-DAG: llvm.func @block(
// LLVM-NOT: attn.

attn.weight @w = dense<0.5> : tensor<16x16xf32>

// CHECK-LABEL: func.func @gqa
// CHECK-SAME: consumer.attention_heads = 8 : i64
// expected-remark @below {{attention: 1 attn.sdpa, 0 attn.mha, 0 attn.residual; 8 query heads}}
func.func @gqa(%q: tensor<1x8x32x64xf32>, %k: tensor<1x2x32x64xf32>,
               %v: tensor<1x2x32x64xf32>) -> tensor<1x8x32x64xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x8x32x64xf32>, tensor<1x2x32x64xf32>, tensor<1x2x32x64xf32>
      -> tensor<1x8x32x64xf32>
  return %o : tensor<1x8x32x64xf32>
}

// Ops nested in an attn.residual body count too.
// CHECK-LABEL: func.func @block
// CHECK-SAME: consumer.attention_heads = 6 : i64
// expected-remark @below {{attention: 0 attn.sdpa, 2 attn.mha, 1 attn.residual; 6 query heads}}
func.func @block(%x: tensor<1x10x16xf32>, %g: tensor<16xf32>,
                 %b: tensor<16xf32>) -> tensor<1x10x16xf32> {
  %w = attn.weight_ref @w : tensor<16x16xf32>
  %r = attn.residual %x norm(pre, %g, %b : tensor<16xf32>, tensor<16xf32>)
      : tensor<1x10x16xf32> {
  ^bb0(%h: tensor<1x10x16xf32>):
    %y = attn.mha name "enc0.self_attn" %h weights(%w, %w, %w, %w)
        num_heads(4) num_kv_heads(4) head_dim(4)
        : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
           tensor<16x16xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
    attn.yield %y : tensor<1x10x16xf32>
  }
  %wkv = arith.constant dense<0.25> : tensor<16x8xf32>
  %z = attn.mha name "enc0.second" %r weights(%w, %wkv, %wkv, %w)
      num_heads(2) num_kv_heads(1) head_dim(8)
      : (tensor<1x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>,
         tensor<16x8xf32>, tensor<16x16xf32>) -> tensor<1x10x16xf32>
  return %z : tensor<1x10x16xf32>
}

// No attention: no remark, no attribute.
// CHECK-LABEL: func.func @plain
// CHECK-NOT: consumer.attention_heads
func.func @plain(%a: f32) -> f32 {
  return %a : f32
}

// CAPI: mha 'enc0.self_attn': 4 heads, 4 kv heads
// CAPI-NEXT: mha 'enc0.second': 2 heads, 1 kv heads
