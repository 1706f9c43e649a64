// Round trip of every attn op through its custom form, and through the
// generic form back to the custom one.
// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// CHECK: attn.weight @shared = dense<5.000000e-01> : tensor<16x16xf32>
attn.weight @shared = dense<0.5> : tensor<16x16xf32>
// CHECK: attn.weight @half = dense<1.000000e+00> : tensor<16xf16>
attn.weight @half = dense<1.0> : tensor<16xf16>

// CHECK-LABEL: func.func @sdpa_plain
func.func @sdpa_plain(%q: tensor<1x8x128x64xf32>, %k: tensor<1x8x128x64xf32>,
                      %v: tensor<1x8x128x64xf32>) -> tensor<1x8x128x64xf32> {
  // CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  %o = attn.sdpa %q, %k, %v : tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32>, tensor<1x8x128x64xf32> -> tensor<1x8x128x64xf32>
  return %o : tensor<1x8x128x64xf32>
}

// CHECK-LABEL: func.func @sdpa_gqa_causal_mask
func.func @sdpa_gqa_causal_mask(%q: tensor<2x8x77x80xbf16>, %k: tensor<2x2x90x80xbf16>,
                                %v: tensor<2x2x90x48xbf16>, %m: tensor<2x1x1x90xi1>)
    -> tensor<2x8x77x48xbf16> {
  // CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<2x1x1x90xi1>) causal scale = 1.250000e-01 :
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x90xi1>) causal scale = 0.125
      : tensor<2x8x77x80xbf16>, tensor<2x2x90x80xbf16>, tensor<2x2x90x48xbf16> -> tensor<2x8x77x48xbf16>
  return %o : tensor<2x8x77x48xbf16>
}

// CHECK-LABEL: func.func @sdpa_mqa_offset_additive
func.func @sdpa_mqa_offset_additive(%q: tensor<1x4x16x32xf16>, %k: tensor<1x1x16x32xf16>,
                                    %v: tensor<1x1x16x32xf16>, %m: tensor<16x16xf32>)
    -> tensor<1x4x16x32xf16> {
  // CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<16x16xf32>) causal offset = 0 :
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<16x16xf32>) causal offset = 0
      : tensor<1x4x16x32xf16>, tensor<1x1x16x32xf16>, tensor<1x1x16x32xf16> -> tensor<1x4x16x32xf16>
  return %o : tensor<1x4x16x32xf16>
}

// Dynamic batch and sequence lengths are legal; a dynamic head dim needs an
// explicit scale.
// CHECK-LABEL: func.func @sdpa_dynamic
func.func @sdpa_dynamic(%q: tensor<?x8x?x?xf32>, %k: tensor<?x8x?x?xf32>,
                        %v: tensor<?x8x?x64xf32>, %m: tensor<?x?xf32>) -> tensor<?x8x?x64xf32> {
  // CHECK: attn.sdpa {{.*}} mask(%{{.*}} : tensor<?x?xf32>) scale = 1.250000e-01 : tensor<?x8x?x?xf32>, tensor<?x8x?x?xf32>, tensor<?x8x?x64xf32> -> tensor<?x8x?x64xf32>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x?xf32>) scale = 0.125
      : tensor<?x8x?x?xf32>, tensor<?x8x?x?xf32>, tensor<?x8x?x64xf32> -> tensor<?x8x?x64xf32>
  return %o : tensor<?x8x?x64xf32>
}

// CHECK-LABEL: func.func @mha_self
func.func @mha_self(%x: tensor<2x10x16xf32>, %b: tensor<16xf32>) -> tensor<2x10x16xf32> {
  // CHECK: %[[W:.*]] = attn.weight_ref @shared : tensor<16x16xf32>
  %w = attn.weight_ref @shared : tensor<16x16xf32>
  // CHECK: %[[WKV:.*]] = arith.constant
  // CHECK: attn.mha name "layer0" %{{.*}} weights(%[[W]], %[[WKV]], %[[WKV]], %[[W]]) bias_q(%{{.*}}) bias_o(%{{.*}}) num_heads(4) num_kv_heads(2) head_dim(4) causal scale = 5.000000e-01 : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>
  %wkv = arith.constant dense<0.25> : tensor<16x8xf32>
  %y = attn.mha name "layer0" %x weights(%w, %wkv, %wkv, %w) bias_q(%b) bias_o(%b)
      num_heads(4) num_kv_heads(2) head_dim(4) causal scale = 0.5
      : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>,
         tensor<16x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<2x10x16xf32>
  return %y : tensor<2x10x16xf32>
}

// CHECK-LABEL: func.func @mha_cross
func.func @mha_cross(%x: tensor<1x?x16xf16>, %enc: tensor<1x?x24xf16>,
                     %wq: tensor<16x16xf16>, %wk: tensor<24x16xf16>, %wv: tensor<24x16xf16>,
                     %wo: tensor<16x12xf16>, %bk: tensor<16xf16>, %bv: tensor<16xf16>,
                     %m: tensor<1x1x1x?xi1>) -> tensor<1x?x12xf16> {
  // CHECK: attn.mha %{{.*}} kv(%{{.*}}) weights({{.*}}) bias_k(%{{.*}}) bias_v(%{{.*}}) mask(%{{.*}}) num_heads(2) num_kv_heads(2) head_dim(8) :
  %y = attn.mha %x kv(%enc) weights(%wq, %wk, %wv, %wo) bias_k(%bk) bias_v(%bv) mask(%m)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x?x16xf16>, tensor<1x?x24xf16>, tensor<16x16xf16>, tensor<24x16xf16>,
         tensor<24x16xf16>, tensor<16x12xf16>, tensor<16xf16>, tensor<16xf16>,
         tensor<1x1x1x?xi1>) -> tensor<1x?x12xf16>
  return %y : tensor<1x?x12xf16>
}

// CHECK-LABEL: func.func @residuals
func.func @residuals(%x: tensor<2x10x16xf32>, %g: tensor<16xf32>, %b: tensor<16xf32>)
    -> tensor<2x10x16xf32> {
  // CHECK: attn.residual %{{.*}} : tensor<2x10x16xf32> {
  // CHECK-NEXT: ^bb0(%[[H:.*]]: tensor<2x10x16xf32>):
  // CHECK-NEXT: attn.yield %[[H]] : tensor<2x10x16xf32>
  %r0 = attn.residual %x : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    attn.yield %h : tensor<2x10x16xf32>
  }
  // CHECK: attn.residual %{{.*}} norm(pre, %{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>) : tensor<2x10x16xf32> {
  %r1 = attn.residual %r0 norm(pre, %g, %b : tensor<16xf32>, tensor<16xf32>) : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    %w = attn.weight_ref @shared : tensor<16x16xf32>
    %y = attn.mha %h weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(8)
        : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
           tensor<16x16xf32>) -> tensor<2x10x16xf32>
    attn.yield %y : tensor<2x10x16xf32>
  }
  // CHECK: attn.residual %{{.*}} norm(post, %{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>) {epsilon = 9.99999997E-7 : f32} : tensor<2x10x16xf32>
  %r2 = attn.residual %r1 norm(post, %g, %b : tensor<16xf32>, tensor<16xf32>) {epsilon = 1.0e-6 : f32} : tensor<2x10x16xf32> {
  ^bb0(%h: tensor<2x10x16xf32>):
    attn.yield %h : tensor<2x10x16xf32>
  }
  return %r2 : tensor<2x10x16xf32>
}

// CHECK-LABEL: func.func @weights_f16
func.func @weights_f16() -> tensor<16xf16> {
  // CHECK: attn.weight_ref @half : tensor<16xf16>
  %w = attn.weight_ref @half : tensor<16xf16>
  return %w : tensor<16xf16>
}

// CHECK-LABEL: func.func @online_attention
func.func @online_attention(%q: tensor<?x64xbf16>, %kt: tensor<64x?xbf16>, %v: tensor<?x32xbf16>,
                            %mask: tensor<1x?xi1>, %acc: tensor<?x32xf32>, %m: tensor<?xf32>,
                            %l: tensor<?xf32>, %shift: index)
    -> (tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>) {
  // CHECK: attn.online_attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<1x?xi1>) into(%{{.*}}, %{{.*}}, %{{.*}}) causal_shift(%{{.*}}) key_transposed scale = 1.250000e-01 : tensor<?x64xbf16>, tensor<64x?xbf16>, tensor<?x32xbf16> -> tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
  %a, %mx, %s = attn.online_attention %q, %kt, %v mask(%mask : tensor<1x?xi1>) into(%acc, %m, %l)
      causal_shift(%shift) key_transposed scale = 0.125
      : tensor<?x64xbf16>, tensor<64x?xbf16>, tensor<?x32xbf16> -> tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
  return %a, %mx, %s : tensor<?x32xf32>, tensor<?xf32>, tensor<?xf32>
}
