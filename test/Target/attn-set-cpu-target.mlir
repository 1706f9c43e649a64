// attn-set-cpu-target: target_cpu and target_features on every llvm.func.
// The CPU and features are pinned: the default (host) depends on the machine.
// RUN: attn-opt %s -split-input-file --attn-set-cpu-target="target-cpu=znver4 target-features=+avx512f,-fma" | FileCheck %s
// The older spellings of the options (cpu=, features=) say the same.
// RUN: attn-opt %s -split-input-file --attn-set-cpu-target="cpu=znver4 features=+avx512f,-fma" | FileCheck %s
// An explicit CPU without features sets no target_features.
// RUN: attn-opt %s -split-input-file --attn-set-cpu-target="cpu=x86-64-v3" | FileCheck %s --check-prefix=NOFEAT
// target-cpu=host resolves to a real CPU name, never "host".
// RUN: attn-opt %s -split-input-file --attn-set-cpu-target | FileCheck %s --check-prefix=HOST

// An unknown CPU or feature is an error at the module (the check
// attn-cpu-pipeline, attn-run and attn-compile make), not an attribute.
// RUN: not attn-opt %s -split-input-file --attn-set-cpu-target="target-cpu=nonsense" 2>&1 | FileCheck %s --check-prefix=BADCPU
// RUN: not attn-opt %s -split-input-file --attn-set-cpu-target="cpu=nonsense" 2>&1 | FileCheck %s --check-prefix=BADCPU
// BADCPU: attn-set-cpu-target.mlir:{{[0-9]+}}:{{[0-9]+}}: error: attn-set-cpu-target: unknown CPU 'nonsense'
// BADCPU-NOT: target_cpu = "nonsense"
// RUN: not attn-opt %s -split-input-file --attn-set-cpu-target="target-features=+foo" 2>&1 | FileCheck %s --check-prefix=BADFEATURE
// BADFEATURE: attn-set-cpu-target.mlir:{{[0-9]+}}:{{[0-9]+}}: error: attn-set-cpu-target: unknown target feature '+foo'

// Definitions and declarations alike.
// CHECK-LABEL: llvm.func @decl
// CHECK-SAME:  target_cpu = "znver4"
// CHECK-SAME:  target_features = #llvm.target_features<["+avx512f", "-fma"]>
// CHECK-LABEL: llvm.func @kernel
// CHECK-SAME:  target_cpu = "znver4"
// CHECK-SAME:  target_features = #llvm.target_features<["+avx512f", "-fma"]>
// NOFEAT-LABEL: llvm.func @decl
// NOFEAT-SAME:  target_cpu = "x86-64-v3"
// NOFEAT-NOT:   target_features
// NOFEAT-LABEL: llvm.func @kernel
// HOST-LABEL:   llvm.func @decl
// HOST-NOT:     target_cpu = "host"
// HOST-SAME:    target_cpu = "{{[a-z0-9_-]+}}"
llvm.func @decl(!llvm.ptr)
llvm.func @kernel(%p: !llvm.ptr) {
  llvm.call @decl(%p) : (!llvm.ptr) -> ()
  llvm.return
}

// -----

// Left alone: functions that are not llvm.func.
// CHECK-LABEL: func.func @not_llvm
// CHECK-NOT:   target_cpu
func.func @not_llvm() {
  return
}
