// Dynamic sizes that the verifier could not compare are checked when the
// compiled code runs: a mismatch stops the call with the op's location and
// what differs, instead of reading past a buffer; attn-run prints it and
// exits 1, without a crash (the compiled code reports it through
// @<name>_error(), attn-runtime-checks-to-status; aot-status.test).
// RUN: not attn-run %s --function lengths --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x300x16 --arg-shape 2=1x2x7x16 2>&1 | FileCheck %s --check-prefix=CHECK-LEN
// RUN: not attn-run %s --function mask --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x4 2>&1 | FileCheck %s --check-prefix=CHECK-MASK
// The untiled lowering (tile=false) checks the same sizes: K and V of
// lengths 7 and 6 once read past V's buffer and printed garbage with exit 0.
// RUN: not attn-run %s --function lengths --pipeline-options tile=false --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x7x16 --arg-shape 2=1x2x6x16 2>&1 | FileCheck %s --check-prefix=CHECK-LEN
// RUN: not attn-run %s --function mask --pipeline-options tile=false --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x4 2>&1 | FileCheck %s --check-prefix=CHECK-MASK
// RUN: not attn-run %s --function dyn_batch_mask --pipeline-options tile=false --arg-shape 0=2x2x5x16 --arg-shape 1=2x2x9x16 --arg-shape 2=2x2x9x16 --arg-shape 3=3x1x5x9 2>&1 | FileCheck %s --check-prefix=CHECK-MASK
// Sizes that agree run and pass.
// RUN: attn-run %s --function mask --check --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x9 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function mask --check --pipeline-options tile=false --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x9 | FileCheck %s --check-prefix=CHECK-OK
// A dynamic mask dim whose runtime size is 1 broadcasts, as a static 1
// does (here over the keys, and over the batch and the query rows), in
// both lowerings, and with split key/value ranges.
// RUN: attn-run %s --function mask --check --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x1 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function mask --check --pipeline-options tile=false --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x9x16 --arg-shape 2=1x2x9x16 --arg-shape 3=1x1x1x1 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dyn_batch_mask --check --init small-int --arg-shape 0=3x2x5x16 --arg-shape 1=3x2x9x16 --arg-shape 2=3x2x9x16 --arg-shape 3=1x1x1x9 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dyn_batch_mask --check --init small-int --arg-shape 0=3x2x5x16 --arg-shape 1=3x2x9x16 --arg-shape 2=3x2x9x16 --arg-shape 3=3x1x5x9 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dyn_batch_mask --check --pipeline-options tile=false --arg-shape 0=3x2x5x16 --arg-shape 1=3x2x9x16 --arg-shape 2=3x2x9x16 --arg-shape 3=1x1x1x9 | FileCheck %s --check-prefix=CHECK-OK
// RUN: attn-run %s --function dyn_batch_mask --check --pipeline-options 'query-block=2 kv-block=4 kv-splits=2' --arg-shape 0=3x2x5x16 --arg-shape 1=3x2x9x16 --arg-shape 2=3x2x9x16 --arg-shape 3=3x1x1x9 | FileCheck %s --check-prefix=CHECK-OK

// CHECK-LEN: attn-run: error: @lengths: a runtime check failed: attn.sdpa at loc({{.*}}runtime-checks.mlir":[[@LINE+3]]:{{[0-9]+}}): key and value sequence lengths differ
func.func @lengths(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                   %v: tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32> -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

// CHECK-MASK: attn-run: error: @{{[a-z_]+}}: a runtime check failed: attn.sdpa at loc({{.*}}): a dynamic mask dim is neither 1 nor the scores' dim
// CHECK-OK: result 0: max abs err {{.*}} PASS
func.func @mask(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                %v: tensor<1x2x?x16xf32>, %m: tensor<1x1x1x?xi1>) -> tensor<1x2x?x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x?xi1>) : tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32> -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

// Dynamic batch, query rows and keys in the mask: each broadcasts when it
// is 1 at run time.
func.func @dyn_batch_mask(%q: tensor<?x2x5x16xf32>, %k: tensor<?x2x9x16xf32>,
                          %v: tensor<?x2x9x16xf32>, %m: tensor<?x1x?x?xi1>)
    -> tensor<?x2x5x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x1x?x?xi1>) : tensor<?x2x5x16xf32>, tensor<?x2x9x16xf32>, tensor<?x2x9x16xf32> -> tensor<?x2x5x16xf32>
  return %o : tensor<?x2x5x16xf32>
}
