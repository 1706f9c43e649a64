// An older option spelling and its new name may both be given only when they
// agree: otherwise which one wins would be a silent surprise.

// RUN: not attn-opt %s --attn-set-cpu-target="cpu=znver4 target-cpu=x86-64-v3" 2>&1 | FileCheck %s --check-prefix=CPU
// CPU: error: attn-set-cpu-target: target-cpu=x86-64-v3 and its older spelling cpu=znver4 disagree: give one of them
// RUN: not attn-opt %s --attn-set-cpu-target="features=+avx2 target-features=+fma" 2>&1 | FileCheck %s --check-prefix=FEATURES
// FEATURES: error: attn-set-cpu-target: target-features=+fma and its older spelling features=+avx2 disagree: give one of them
// RUN: not attn-opt %s --attn-matmul-kernel="lanes=16 vector-lanes=8" 2>&1 | FileCheck %s --check-prefix=MATMUL
// MATMUL: error: attn-matmul-kernel: vector-lanes=8 and its older spelling lanes=16 disagree: give one of them
// RUN: not attn-opt %s --attn-vectorize-elementwise="lanes=16 vector-lanes=8" 2>&1 | FileCheck %s --check-prefix=ELEMENTWISE
// ELEMENTWISE: error: attn-vectorize-elementwise: vector-lanes=8 and its older spelling lanes=16 disagree: give one of them
// RUN: not attn-opt %s --attn-vectorize-online-attention="lanes=16 vector-lanes=8" 2>&1 | FileCheck %s --check-prefix=ATTENTION
// ATTENTION: error: attn-vectorize-online-attention: vector-lanes=8 and its older spelling lanes=16 disagree: give one of them

// Agreeing spellings are accepted.
// RUN: attn-opt %s --attn-set-cpu-target="cpu=x86-64-v3 target-cpu=x86-64-v3" --attn-matmul-kernel="lanes=8 vector-lanes=8" | FileCheck %s --check-prefix=SAME
// SAME: func.func @f

func.func @f(%x: f32) -> f32 {
  return %x : f32
}
