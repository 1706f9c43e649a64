// Dynamic sequence lengths: sizes come from --arg-shape for random inputs
// or from the .npy files' shapes, and the result's size from the compiled
// code's descriptor.

// RUN: attn-run %s --function dyn_seq --arg-shape 0=1x4x13x16 --arg-shape 1=1x2x21x16 --arg-shape 2=1x2x21x16 --check | FileCheck %s --check-prefix=CHECK-SEQ
// RUN: attn-run %s --function dyn_seq --arg-shape 0=1x4x1x16 --arg-shape 1=1x2x5x16 --arg-shape 2=1x2x5x16 --check --init small-int | FileCheck %s --check-prefix=CHECK-ONE
// RUN: attn-run %s --function dyn_causal --arg-shape 0=2x2x9x8 --arg-shape 1=2x2x9x8 --arg-shape 2=2x2x9x8 --check | FileCheck %s --check-prefix=CHECK-CAUSAL
// Dynamic batch and lengths, with a key-padding mask of dynamic shape.
// RUN: attn-run %s --function dyn_batch --arg-shape 0=3x4x5x16 --arg-shape 1=3x2x7x16 --arg-shape 2=3x2x7x16 --arg-shape 3=3x1x1x7 --check | FileCheck %s --check-prefix=CHECK-BATCH

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/q.npy '<f4' 1x4x6x16 sin:1:0.31:0
// RUN: python3 %S/Inputs/npy.py %t/k.npy '<f4' 1x2x10x16 sin:1:0.47:1
// RUN: python3 %S/Inputs/npy.py %t/v.npy '<f4' 1x2x10x16 sin:1:0.53:2
// RUN: attn-run %s --function dyn_seq --input %t/q.npy --input %t/k.npy --input %t/v.npy --check --repeat 2 | FileCheck %s --check-prefix=CHECK-NPY

// CHECK-SEQ: result 0: 1x4x13x16 f32 (tensor<1x4x?x16xf32>)
// CHECK-SEQ: result 0: max abs err {{.*}} PASS
// CHECK-ONE: result 0: 1x4x1x16 f32 (tensor<1x4x?x16xf32>)
// CHECK-ONE: result 0: max abs err {{.*}} PASS
// CHECK-CAUSAL: result 0: 2x2x9x8 f32 (tensor<2x2x?x8xf32>)
// CHECK-CAUSAL: result 0: max abs err {{.*}} PASS
// CHECK-BATCH: result 0: 3x4x5x16 f32 (tensor<?x4x?x16xf32>)
// CHECK-BATCH: result 0: max abs err {{.*}} PASS
// CHECK-NPY: @dyn_seq: .npy inputs
// CHECK-NPY-NEXT: result 0: 1x4x6x16 f32 (tensor<1x4x?x16xf32>)
// CHECK-NPY: result 0: max abs err {{.*}} PASS
// CHECK-NPY-NEXT: time: median {{.*}} ms over 2 runs {{.*}} GFLOP/s

func.func @dyn_seq(%q: tensor<1x4x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                   %v: tensor<1x2x?x16xf32>) -> tensor<1x4x?x16xf32> {
  %o = attn.sdpa %q, %k, %v
      : tensor<1x4x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>
      -> tensor<1x4x?x16xf32>
  return %o : tensor<1x4x?x16xf32>
}

func.func @dyn_causal(%q: tensor<2x2x?x8xf32>, %k: tensor<2x2x?x8xf32>,
                      %v: tensor<2x2x?x8xf32>) -> tensor<2x2x?x8xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<2x2x?x8xf32>, tensor<2x2x?x8xf32>, tensor<2x2x?x8xf32>
      -> tensor<2x2x?x8xf32>
  return %o : tensor<2x2x?x8xf32>
}

func.func @dyn_batch(%q: tensor<?x4x?x16xf32>, %k: tensor<?x2x?x16xf32>,
                     %v: tensor<?x2x?x16xf32>, %pad: tensor<?x1x1x?xi1>)
    -> tensor<?x4x?x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<?x1x1x?xi1>) causal
      : tensor<?x4x?x16xf32>, tensor<?x2x?x16xf32>, tensor<?x2x?x16xf32>
      -> tensor<?x4x?x16xf32>
  return %o : tensor<?x4x?x16xf32>
}
