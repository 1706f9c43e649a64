// Upstream mlir-opt (not attn-opt) with AttnPlugin.so loaded as a dialect
// and a pass plugin parses attn ops, tiles attn.sdpa with attn-tile and
// lowers it with attn-cpu-pipeline to the LLVM dialect.
// RUN: %upstream_mlir_opt %s --load-dialect-plugin=%attn_plugin | FileCheck %s --check-prefix=PARSE
// RUN: %upstream_mlir_opt %s --load-dialect-plugin=%attn_plugin --load-pass-plugin=%attn_plugin --pass-pipeline='builtin.module(attn-tile{query-block=16 kv-block=16})' | FileCheck %s --check-prefix=TILE
// RUN: %upstream_mlir_opt %s --load-dialect-plugin=%attn_plugin --load-pass-plugin=%attn_plugin --pass-pipeline='builtin.module(attn-cpu-pipeline{target-cpu=x86-64-v3})' > %t.ll.mlir
// RUN: FileCheck %s --check-prefix=LOWER < %t.ll.mlir
// RUN: mlir-translate --mlir-to-llvmir %t.ll.mlir | FileCheck %s --check-prefix=LLVMIR
// Without the plugin, upstream mlir-opt knows no attn op (the test can fail).
// RUN: not %upstream_mlir_opt %s 2>&1 | FileCheck %s --check-prefix=NOPLUGIN

// PARSE-LABEL: func.func @sdpa
// PARSE:       attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} causal

// TILE-LABEL: func.func @sdpa
// TILE:       scf.forall
// TILE:       attn.online_attention
// TILE-NOT:   attn.sdpa

// LOWER:     llvm.func @sdpa({{.*}}target_cpu = "x86-64-v3"
// LOWER-NOT: {{ (attn|linalg|tensor|scf)\.[a-z_]+}}

// LLVMIR: define {{.*}}@sdpa(

// NOPLUGIN: Dialect `attn' not found for custom op 'attn.sdpa'

func.func @sdpa(%q: tensor<1x4x64x32xf32>, %k: tensor<1x2x64x32xf32>,
                %v: tensor<1x2x64x32xf32>) -> tensor<1x4x64x32xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x4x64x32xf32>, tensor<1x2x64x32xf32>, tensor<1x2x64x32xf32>
      -> tensor<1x4x64x32xf32>
  return %o : tensor<1x4x64x32xf32>
}
