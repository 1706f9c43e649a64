// attn-cpu-pipeline compiles every attn op kind (f32, f16, bf16, dynamic
// sequences, GQA/MQA, keep-masks and additive masks, causal) to a module of
// LLVM dialect ops only, which translates to LLVM IR. The target is pinned:
// the default (host) depends on the machine.
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3 target-features=+avx2" > %t
// RUN: FileCheck %s --check-prefix=ONLYLLVM < %t
// RUN: FileCheck %s < %t
// RUN: FileCheck %s --check-prefix=NOEXP < %t
// RUN: mlir-translate --mlir-to-llvmir %t | FileCheck %s --check-prefix=LLVMIR
// The untiled route (tile=false) and the serial one (parallel=false) too:
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3 tile=false" | FileCheck %s --check-prefix=ONLYLLVM
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3 parallel=false" | FileCheck %s --check-prefix=ONLYLLVM

// No op of any other dialect survives, anywhere in the module.
// ONLYLLVM-NOT: {{ (attn|arith|math|linalg|tensor|memref|bufferization|scf|cf|affine|func|index|ub|vector)\.[a-z_]+}}
// ONLYLLVM-NOT: unrealized_conversion_cast

// The shared projection weight is read only by matmuls: it is stored once,
// packed for attn's matmul kernel (16 columns: one panel of 2 vectors of
// x86-64-v3's 8 lanes).
// CHECK-DAG: llvm.mlir.global private constant @enc.wq.packed16(dense_resource<enc.wq.packed16> : tensor<1x16x16xf32>) {addr_space = 0 : i32, alignment = 64 : i64}
// CHECK-DAG: llvm.mlir.global private constant @enc.bo({{.+}}) {addr_space = 0 : i32, alignment = 64 : i64}
// CHECK-DAG: llvm.func @sdpa_gqa_keypad_causal({{.+}}target_cpu = "x86-64-v3", target_features = #llvm.target_features<["+avx2"]>
// CHECK-DAG: llvm.func @sdpa_f16_mqa_additive(
// CHECK-DAG: llvm.func @sdpa_bf16_dynamic_seq(
// CHECK-DAG: llvm.func @mha_weights_shared(
// CHECK-DAG: llvm.func @mha_cross_f16_dynamic(
// CHECK-DAG: llvm.func @residuals_bf16(
// CHECK-DAG: llvm.intr.fma
// CHECK-DAG: llvm.intr.sqrt
// exp is a polynomial (attn-approximate-math), never llvm.intr.exp (which
// LLVM expands into a libm call per lane) or a call of expf, anywhere.
// NOEXP-NOT: {{llvm.intr.exp|@expf}}

// LLVMIR-DAG: @enc.wq.packed16 = private constant [1 x [16 x [16 x float]]] {{.+}}, align 64
// LLVMIR-DAG: define {{.+}} @sdpa_gqa_keypad_causal(
// LLVMIR-DAG: define {{.+}} @residuals_bf16(
// LLVMIR-DAG: call <8 x float> @llvm.fma.v8f32(
// LLVMIR-DAG: attributes #{{[0-9]+}} = { "target-cpu"="x86-64-v3" "target-features"="+avx2" }

attn.weight @enc.wq = dense<0.25> : tensor<16x16xf32>
attn.weight @enc.bo = dense<0.5> : tensor<16xf32>

func.func @sdpa_gqa_keypad_causal(%q: tensor<2x8x5x16xf32>, %k: tensor<2x2x7x16xf32>,
                                  %v: tensor<2x2x7x4xf32>, %m: tensor<2x1x1x7xi1>) -> tensor<2x8x5x4xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x7xi1>) causal
      : tensor<2x8x5x16xf32>, tensor<2x2x7x16xf32>, tensor<2x2x7x4xf32> -> tensor<2x8x5x4xf32>
  return %o : tensor<2x8x5x4xf32>
}

func.func @sdpa_f16_mqa_additive(%q: tensor<1x4x6x8xf16>, %kv: tensor<1x1x6x8xf16>,
                                 %m: tensor<6x6xf32>) -> tensor<1x4x6x8xf16> {
  %o = attn.sdpa %q, %kv, %kv mask(%m : tensor<6x6xf32>) causal offset = 0
      : tensor<1x4x6x8xf16>, tensor<1x1x6x8xf16>, tensor<1x1x6x8xf16> -> tensor<1x4x6x8xf16>
  return %o : tensor<1x4x6x8xf16>
}

func.func @sdpa_bf16_dynamic_seq(%q: tensor<1x2x?x8xbf16>, %k: tensor<1x2x?x8xbf16>,
                                 %m: tensor<?xbf16>) -> tensor<1x2x?x8xbf16> {
  %o = attn.sdpa %q, %k, %k mask(%m : tensor<?xbf16>) causal scale = 0.5
      : tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16>, tensor<1x2x?x8xbf16> -> tensor<1x2x?x8xbf16>
  return %o : tensor<1x2x?x8xbf16>
}

// Wq shared by the Q, K and V projections (one global), bias from a weight.
func.func @mha_weights_shared(%x: tensor<2x4x16xf32>) -> tensor<2x4x16xf32> {
  %w = attn.weight_ref @enc.wq : tensor<16x16xf32>
  %bo = attn.weight_ref @enc.bo : tensor<16xf32>
  %y = attn.mha %x weights(%w, %w, %w, %w) bias_o(%bo) num_heads(4) num_kv_heads(4) head_dim(4) causal
      : (tensor<2x4x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>, tensor<16x16xf32>,
         tensor<16x16xf32>, tensor<16xf32>) -> tensor<2x4x16xf32>
  return %y : tensor<2x4x16xf32>
}

func.func @mha_cross_f16_dynamic(%x: tensor<?x?x16xf16>, %enc: tensor<?x?x8xf16>, %wq: tensor<16x16xf16>,
                                 %wkv: tensor<8x8xf16>, %wo: tensor<16x16xf16>,
                                 %m: tensor<?x1x1x?xi1>) -> tensor<?x?x16xf16> {
  %y = attn.mha %x kv(%enc) weights(%wq, %wkv, %wkv, %wo) mask(%m) num_heads(4) num_kv_heads(2) head_dim(4)
      : (tensor<?x?x16xf16>, tensor<?x?x8xf16>, tensor<16x16xf16>, tensor<8x8xf16>, tensor<8x8xf16>,
         tensor<16x16xf16>, tensor<?x1x1x?xi1>) -> tensor<?x?x16xf16>
  return %y : tensor<?x?x16xf16>
}

func.func @residuals_bf16(%x: tensor<1x?x16xbf16>, %g: tensor<16xbf16>, %b: tensor<16xbf16>,
                          %w: tensor<16x16xbf16>, %wkv: tensor<16x8xbf16>) -> tensor<1x?x16xbf16> {
  %pre = attn.residual %x norm(pre, %g, %b : tensor<16xbf16>, tensor<16xbf16>) : tensor<1x?x16xbf16> {
  ^bb0(%h: tensor<1x?x16xbf16>):
    %a = attn.mha %h weights(%w, %wkv, %wkv, %w) num_heads(2) num_kv_heads(1) head_dim(8)
        : (tensor<1x?x16xbf16>, tensor<16x16xbf16>, tensor<16x8xbf16>, tensor<16x8xbf16>,
           tensor<16x16xbf16>) -> tensor<1x?x16xbf16>
    attn.yield %a : tensor<1x?x16xbf16>
  }
  %post = attn.residual %pre norm(post, %g, %b : tensor<16xbf16>, tensor<16xbf16>) : tensor<1x?x16xbf16> {
  ^bb0(%h: tensor<1x?x16xbf16>):
    attn.yield %h : tensor<1x?x16xbf16>
  }
  %plain = attn.residual %post : tensor<1x?x16xbf16> {
  ^bb0(%h: tensor<1x?x16xbf16>):
    attn.yield %h : tensor<1x?x16xbf16>
  }
  return %plain : tensor<1x?x16xbf16>
}
