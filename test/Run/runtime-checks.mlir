// Dynamic sizes that the verifier could not compare are checked when the
// compiled code runs: a mismatch aborts with the op's location and what
// differs, instead of reading past a buffer.
// RUN: not --crash attn-run %s --function lengths --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x300x16 --arg-shape 2=1x2x7x16 2>&1 | FileCheck %s --check-prefix=CHECK-LEN
// RUN: not --crash attn-run %s --function mask --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x4 2>&1 | FileCheck %s --check-prefix=CHECK-MASK
// Sizes that agree run and pass.
// RUN: attn-run %s --function mask --check --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x9 | FileCheck %s --check-prefix=CHECK-OK

// CHECK-LEN: attn.sdpa at loc({{.*}}runtime-checks.mlir":[[@LINE+3]]:{{[0-9]+}}): key and value sequence lengths differ
func.func @lengths(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                   %v: tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32> -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

// CHECK-MASK: attn.sdpa at loc({{.*}}): a dynamic mask dim differs from the scores'
// CHECK-OK: result 0: max abs err {{.*}} PASS
func.func @mask(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                %v: tensor<1x2x?x16xf32>, %m: tensor<1x1x1x?xi1>) -> tensor<1x2x?x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x?xi1>) : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32> -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}
