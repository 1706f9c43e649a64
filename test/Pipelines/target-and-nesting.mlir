// attn-cpu-pipeline refuses an unknown target CPU or feature with the check
// attn-run and attn-compile make (test/Run/errors.mlir) and
// attn-set-cpu-target makes (test/Target/attn-set-cpu-target.mlir): found
// when the pipeline is built, it is reported at the input's module (0:0 for
// an implicit module; an explicit one's line below), naming the option,
// before any pass runs; nothing is written into the IR.
// RUN: not attn-opt %s --attn-cpu-pipeline='target-cpu=nonsense target-features=+foo' 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not attn-opt %s --pass-pipeline='builtin.module(attn-cpu-pipeline{target-cpu=nonsense})' 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: target-and-nesting.mlir:0:0: error: attn-cpu-pipeline option target-cpu=nonsense: unknown CPU 'nonsense' for {{.*}} (expected 'host' or an LLVM CPU name
// CPU-NOT: <unknown>
// CPU-NOT: target_cpu
// RUN: not attn-opt %s --attn-cpu-pipeline='target-features=+foo' 2>&1 | FileCheck %s --check-prefix=FEATURE
// FEATURE: target-and-nesting.mlir:0:0: error: attn-cpu-pipeline option target-features=+foo: unknown target feature '+foo' for {{.*}} (expected a comma-separated list of +name or -name
// FEATURE-NOT: see current operation
// FEATURE-NOT: target_cpu
// RUN: not attn-opt %s --attn-cpu-pipeline='target-features=avx2' 2>&1 | FileCheck %s --check-prefix=NOSIGN
// NOSIGN: error: attn-cpu-pipeline option target-features=avx2: unknown target feature 'avx2'
// RUN: not attn-opt %S/Inputs/explicit-module.mlir --attn-cpu-pipeline='target-cpu=nonsense' 2>&1 | FileCheck %s --check-prefix=EXPLICIT
// EXPLICIT: explicit-module.mlir:3:1: error: attn-cpu-pipeline option target-cpu=nonsense: unknown CPU 'nonsense'

// Nesting the pipeline in func.func (it holds module passes) is a
// diagnostic naming the right spelling, not a fatal LLVM error.
// RUN: not attn-opt %s --pass-pipeline='builtin.module(func.func(attn-cpu-pipeline))' 2>&1 | FileCheck %s --check-prefix=NEST
// NEST-NOT: LLVM ERROR
// NEST: attn-cpu-pipeline runs on a builtin.module, not nested in 'func.func': write --pass-pipeline='builtin.module(attn-cpu-pipeline)' or --attn-cpu-pipeline
// NEST-NOT: LLVM ERROR
// NEST-NOT: Stack dump

// Known names pass, spelled as attn-run and attn-compile spell them.
// RUN: attn-opt %s --attn-cpu-pipeline='target-cpu=x86-64-v3 target-features=+avx2,-fma' | FileCheck %s --check-prefix=OK
// OK: llvm.func @add({{.*}}target_cpu = "x86-64-v3", target_features = #llvm.target_features<["+avx2", "-fma"]>

func.func @add(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %s = arith.addf %a, %b : tensor<4xf32>
  return %s : tensor<4xf32>
}
