// attn-reduce (MlirReduceMain with attn's dialects and passes) shrinks a
// file that makes a tool fail to what still makes it fail: here four
// functions, of which only @dynamic_heads (an attn.sdpa with dynamic head
// counts, which attn-lower-sdpa refuses) matters, and in it an op whose
// result is unused (docs/robustness.md shows the same steps).

// RUN: env ATTN_OPT=%attn_obj_root/bin/attn-opt attn-reduce %s --reduction-tree='traversal-mode=0 test=%S/Inputs/lowering-fails.sh' -o %t.mlir 2>/dev/null
// RUN: FileCheck %s < %t.mlir
// RUN: not attn-opt %t.mlir --attn-lower-sdpa 2>&1 | FileCheck %s --check-prefix=CHECK-STILL
// RUN: not attn-opt %s --attn-lower-sdpa 2>&1 | FileCheck %s --check-prefix=CHECK-STILL

// CHECK-NOT: func.func @layer
// CHECK-NOT: func.func @causal
// CHECK: func.func @dynamic_heads
// CHECK-NEXT: attn.sdpa {{.*}} : tensor<1x?x5x8xf32>, tensor<1x?x5x8xf32>, tensor<1x?x5x8xf32> -> tensor<1x?x5x8xf32>
// CHECK-NEXT: return
// CHECK-NOT: func.func
// CHECK-STILL: error: attn-lower-sdpa needs static query and key/value head counts

func.func @layer(%x: tensor<1x5x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x5x8xf32> {
  %r = attn.residual %x : tensor<1x5x8xf32> {
  ^bb0(%h: tensor<1x5x8xf32>):
    %a = attn.mha %h weights(%w, %w, %w, %w) num_heads(2) head_dim(4)
        : (tensor<1x5x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>,
           tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x5x8xf32>
    attn.yield %a : tensor<1x5x8xf32>
  }
  return %r : tensor<1x5x8xf32>
}

func.func @causal(%q: tensor<1x2x5x8xf32>, %k: tensor<1x2x5x8xf32>) -> tensor<1x2x5x8xf32> {
  %s = attn.sdpa %q, %k, %k causal
      : tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>
      -> tensor<1x2x5x8xf32>
  return %s : tensor<1x2x5x8xf32>
}

func.func @dynamic_heads(%q: tensor<1x2x5x8xf32>, %k: tensor<1x2x5x8xf32>,
                         %dq: tensor<1x?x5x8xf32>, %dk: tensor<1x?x5x8xf32>)
    -> tensor<1x?x5x8xf32> {
  %unused = attn.sdpa %q, %k, %k scale = 0.5
      : tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>
      -> tensor<1x2x5x8xf32>
  %s = attn.sdpa %dq, %dk, %dk
      : tensor<1x?x5x8xf32>, tensor<1x?x5x8xf32>, tensor<1x?x5x8xf32>
      -> tensor<1x?x5x8xf32>
  return %s : tensor<1x?x5x8xf32>
}

func.func @gqa(%q: tensor<1x4x5x8xf32>, %k: tensor<1x2x5x8xf32>) -> tensor<1x4x5x8xf32> {
  %s = attn.sdpa %q, %k, %k
      : tensor<1x4x5x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>
      -> tensor<1x4x5x8xf32>
  return %s : tensor<1x4x5x8xf32>
}
