// attn-cpu-pipeline vectorizes every kernel (the matmul kernel, the flash
// attention kernel, element-wise ops) for the target's vectors, not the
// compiling machine's: a named generic target without AVX-512 (x86-64-v3)
// gets 8 f32 lanes on any host, x86-64-v4 gets 16, target-features can take
// AVX-512 away, and vector-lanes sets all of them.

// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v3" | FileCheck %s --check-prefix=V3
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v4" | FileCheck %s --check-prefix=V4
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v4 target-features=-avx512f" | FileCheck %s --check-prefix=V3
// RUN: attn-opt %s --attn-cpu-pipeline="target-cpu=x86-64-v4 vector-lanes=4" | FileCheck %s --check-prefix=L4

// V3-NOT: vector<16xf32>
// V3: llvm.func @layer
// V3-NOT: vector<16xf32>
// V3: llvm.intr.fmuladd{{.*}}vector<8xf32>
// V3-NOT: vector<16xf32>

// V4: llvm.func @layer
// V4: llvm.intr.fmuladd{{.*}}vector<16xf32>

// L4-NOT: vector<16xf32>
// L4-NOT: vector<8xf32>
// L4: llvm.intr.fmuladd{{.*}}vector<4xf32>
// L4-NOT: vector<16xf32>
// L4-NOT: vector<8xf32>

func.func @layer(%x: tensor<64x64xf32>, %w: tensor<64x64xf32>, %q: tensor<1x2x64x64xf32>, %k: tensor<1x2x64x64xf32>, %v: tensor<1x2x64x64xf32>) -> (tensor<64x64xf32>, tensor<1x2x64x64xf32>) {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %m = linalg.matmul ins(%x, %w : tensor<64x64xf32>, tensor<64x64xf32>) outs(%f : tensor<64x64xf32>) -> tensor<64x64xf32>
  %o = attn.sdpa %q, %k, %v : tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32> -> tensor<1x2x64x64xf32>
  return %m, %o : tensor<64x64xf32>, tensor<1x2x64x64xf32>
}
