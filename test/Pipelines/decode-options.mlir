// attn-cpu-pipeline's decoding options: attn-pack-query-groups runs before
// attn-tile unless pack-query-groups=false; key-layout reaches attn-tile
// and an unknown value is rejected when the options are parsed.
// RUN: attn-opt %s --attn-cpu-pipeline --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHECK-DEFAULT
// CHECK-DEFAULT: attn-pack-query-groups,
// CHECK-DEFAULT-NEXT: attn-tile{key-layout=auto
// RUN: attn-opt %s --attn-cpu-pipeline="pack-query-groups=false key-layout=rows" --dump-pass-pipeline -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHECK-OFF
// CHECK-OFF-NOT: attn-pack-query-groups
// CHECK-OFF: attn-tile{key-layout=rows
// RUN: not attn-opt %s --attn-cpu-pipeline="key-layout=sideways" 2>&1 | FileCheck %s --check-prefix=CHECK-BAD
// CHECK-BAD: for the --key-layout option: Cannot find option named 'sideways'!

// What attn-tile receives from the packing: the group's 4 heads as the rows
// of one block, marked as packed heads, so the step is still a decoding
// step (K read as stored, split-K at 4096 keys).
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3" --mlir-print-ir-after=attn-pack-query-groups -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHECK-PACKED
// CHECK-PACKED: attn.sdpa %{{.*}}, %arg1, %arg2 {attn.packed_query_heads = 4 : i64} : tensor<1x8x4x64xf32>
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3" --mlir-print-ir-after=attn-tile -o /dev/null 2>&1 | FileCheck %s --check-prefix=CHECK-TILED
// CHECK-TILED-NOT: linalg.transpose
// CHECK-TILED: scf.forall ({{.*}}) in (1, 8, 1, 2)
// CHECK-TILED: attn.online_attention {{.*}} : tensor<4x64xf32>, tensor<?x64xf32>, tensor<?x64xf32>
func.func @decode(%q: tensor<1x32x1x64xf32>, %k: tensor<1x8x4096x64xf32>, %v: tensor<1x8x4096x64xf32>) -> tensor<1x32x1x64xf32> {
  %o = attn.sdpa %q, %k, %v causal : tensor<1x32x1x64xf32>, tensor<1x8x4096x64xf32>, tensor<1x8x4096x64xf32> -> tensor<1x32x1x64xf32>
  return %o : tensor<1x32x1x64xf32>
}
