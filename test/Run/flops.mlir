// attn-run --repeat counts 2 FLOPs per multiply-accumulate of every
// contraction, whatever its operands' layout: the loop sizes come from the
// indexing maps, so transposed operands (a transposed-K Q·Kᵀ as upstream
// attention modules write it) count right. attn.mha and attn.residual bodies
// are counted as the layers' FLOPs; element-wise ops and reductions count
// nothing.

// RUN: attn-run %s --function matmul --repeat 1 | FileCheck %s --check-prefix=CHECK-MATMUL
// RUN: attn-run %s --function transposed_b --repeat 1 | FileCheck %s --check-prefix=CHECK-TRANSPOSED-B
// RUN: attn-run %s --function scores --repeat 1 | FileCheck %s --check-prefix=CHECK-SCORES
// RUN: attn-run %s --function generic_contraction --repeat 1 | FileCheck %s --check-prefix=CHECK-GENERIC
// RUN: attn-run %s --function dynamic_rows --arg-shape 0=5x6 --repeat 1 | FileCheck %s --check-prefix=CHECK-DYNAMIC
// RUN: attn-run %s --function not_contractions --repeat 1 | FileCheck %s --check-prefix=CHECK-NONE
// RUN: attn-run %s --function layer --repeat 1 | FileCheck %s --check-prefix=CHECK-LAYER

// 2·M·N·K = 2·3·5·7.
// CHECK-MATMUL: GFLOP/s (210 FLOP per call)
func.func @matmul(%a: tensor<3x7xf32>, %b: tensor<7x5xf32>) -> tensor<3x5xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x5xf32>) -> tensor<3x5xf32>
  %c = linalg.matmul ins(%a, %b : tensor<3x7xf32>, tensor<7x5xf32>)
      outs(%z : tensor<3x5xf32>) -> tensor<3x5xf32>
  return %c : tensor<3x5xf32>
}

// B stored N×K (x·Wᵀ, as PyTorch's Linear keeps its weight): still 2·3·5·7.
// CHECK-TRANSPOSED-B: GFLOP/s (210 FLOP per call)
func.func @transposed_b(%a: tensor<3x7xf32>, %b: tensor<5x7xf32>) -> tensor<3x5xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<3x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<3x5xf32>) -> tensor<3x5xf32>
  %c = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<3x7xf32>, tensor<5x7xf32>)
      outs(%z : tensor<3x5xf32>) -> tensor<3x5xf32>
  return %c : tensor<3x5xf32>
}

// Q·Kᵀ over 2 heads with K stored Skv×D: 2·heads·Sq·Skv·D = 2·2·3·9·4.
// CHECK-SCORES: GFLOP/s (432 FLOP per call)
func.func @scores(%q: tensor<2x3x4xf32>, %k: tensor<2x9x4xf32>) -> tensor<2x3x9xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x3x9xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<2x3x9xf32>) -> tensor<2x3x9xf32>
  %s = linalg.batch_matmul indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                                            affine_map<(b, m, n, k) -> (b, n, k)>,
                                            affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%q, %k : tensor<2x3x4xf32>, tensor<2x9x4xf32>)
      outs(%z : tensor<2x3x9xf32>) -> tensor<2x3x9xf32>
  return %s : tensor<2x3x9xf32>
}

// A multiply-accumulate linalg.generic (a matrix-vector product): 2·6·10.
// CHECK-GENERIC: GFLOP/s (120 FLOP per call)
func.func @generic_contraction(%a: tensor<6x10xf32>, %x: tensor<10xf32>) -> tensor<6xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6xf32>) -> tensor<6xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (j)>,
                                        affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%a, %x : tensor<6x10xf32>, tensor<10xf32>) outs(%z : tensor<6xf32>) {
  ^bb0(%u: f32, %v: f32, %acc: f32):
    %p = arith.mulf %u, %v : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// A dynamic row count, read from the argument's shape (5): 2·5·6·4.
// CHECK-DYNAMIC: GFLOP/s (240 FLOP per call)
func.func @dynamic_rows(%a: tensor<?x6xf32>, %b: tensor<6x4xf32>) -> tensor<?x4xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x6xf32>
  %e = tensor.empty(%m) : tensor<?x4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x4xf32>) -> tensor<?x4xf32>
  %c = linalg.matmul ins(%a, %b : tensor<?x6xf32>, tensor<6x4xf32>)
      outs(%z : tensor<?x4xf32>) -> tensor<?x4xf32>
  return %c : tensor<?x4xf32>
}

// A row sum and an element-wise product are not contractions.
// CHECK-NONE: time: median {{.*}} ms over 1 run (min {{.*}} ms, after 1 warm-up)
// CHECK-NONE-NOT: FLOP
func.func @not_contractions(%a: tensor<4x8xf32>) -> (tensor<4xf32>, tensor<4x8xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i)>],
                       iterator_types = ["parallel", "reduction"]}
      ins(%a : tensor<4x8xf32>) outs(%z : tensor<4xf32>) {
  ^bb0(%u: f32, %acc: f32):
    %r = arith.addf %acc, %u : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %sq = linalg.mul ins(%a, %a : tensor<4x8xf32>, tensor<4x8xf32>)
      outs(%e2 : tensor<4x8xf32>) -> tensor<4x8xf32>
  return %s, %sq : tensor<4xf32>, tensor<4x8xf32>
}

// attn.mha inside attn.residual, then a matmul on its rows: the projections
// 2·B·S·M·(Hq·Dh + 2·Hkv·Dh) + 2·B·S·Hq·Dh·M = 2·6·8·(8 + 8) + 2·6·8·8 = 2304,
// the attention 4·B·Hq·S²·Dh = 4·4·36·2 = 1152 and the matmul 2·6·8·3 = 288.
// CHECK-LAYER: GFLOP/s (3744 FLOP per call)
func.func @layer(%x: tensor<1x6x8xf32>, %wq: tensor<8x8xf32>, %wk: tensor<8x4xf32>,
                 %wv: tensor<8x4xf32>, %wo: tensor<8x8xf32>, %w: tensor<8x3xf32>)
    -> tensor<6x3xf32> {
  %r = attn.residual %x : tensor<1x6x8xf32> {
  ^bb0(%h: tensor<1x6x8xf32>):
    %a = attn.mha %h weights(%wq, %wk, %wv, %wo) num_heads(4) num_kv_heads(2) head_dim(2)
        : (tensor<1x6x8xf32>, tensor<8x8xf32>, tensor<8x4xf32>, tensor<8x4xf32>,
           tensor<8x8xf32>) -> tensor<1x6x8xf32>
    attn.yield %a : tensor<1x6x8xf32>
  }
  %rows = tensor.collapse_shape %r [[0, 1], [2]] : tensor<1x6x8xf32> into tensor<6x8xf32>
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x3xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x3xf32>) -> tensor<6x3xf32>
  %c = linalg.matmul ins(%rows, %w : tensor<6x8xf32>, tensor<8x3xf32>)
      outs(%z : tensor<6x3xf32>) -> tensor<6x3xf32>
  return %c : tensor<6x3xf32>
}
