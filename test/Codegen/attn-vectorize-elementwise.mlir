// attn-vectorize-elementwise: a layer's element-wise, row-reduction and
// transpose ops threaded (scf.forall) and vectorized (1-D vectors of 16).
// RUN: attn-opt %s --attn-vectorize-elementwise="vector-lanes=16" -split-input-file | FileCheck %s
// `lanes`, the older spelling of vector-lanes, is still accepted:
// RUN: attn-opt %s --attn-vectorize-elementwise="lanes=16" -split-input-file | FileCheck %s
// RUN: attn-opt %s --attn-vectorize-elementwise="vector-lanes=8" -split-input-file | FileCheck %s --check-prefix=LANES8
// LANES8-LABEL: func.func @residual_add
// LANES8: scf.for {{.*}} to %c768 step %c8
// LANES8: arith.addf {{.*}} : vector<8xf32>
// RUN: not attn-opt %s --attn-vectorize-elementwise="rows-per-task=0" -split-input-file 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not attn-opt %s --attn-vectorize-elementwise="vector-lanes=-1" -split-input-file 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: attn-vectorize-elementwise: vector-lanes must be ≥ 0, vectors and rows-per-task positive

// The residual add of a layer: blocks of 8 rows per task, 768 columns by 16.
// CHECK-LABEL: func.func @residual_add
// CHECK-NOT: linalg.generic
// CHECK: scf.forall ({{.*}}) = (0, 0) to (1, 128) step (1, 8) shared_outs
// CHECK:   scf.for {{.*}} to %c768 step %c16
// CHECK:     vector.transfer_read {{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK:     vector.transfer_read {{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK:     arith.addf {{.*}} : vector<16xf32>
// CHECK:     vector.transfer_write {{.*}} : vector<16xf32>, tensor<16xf32>
// CHECK: tensor.parallel_insert_slice
func.func @residual_add(%x: tensor<1x128x768xf32>, %y: tensor<1x128x768xf32>) -> tensor<1x128x768xf32> {
  %e = tensor.empty() : tensor<1x128x768xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b, c)>], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %y : tensor<1x128x768xf32>, tensor<1x128x768xf32>) outs(%e : tensor<1x128x768xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %r = arith.addf %a, %b : f32
    linalg.yield %r : f32
  } -> tensor<1x128x768xf32>
  return %s : tensor<1x128x768xf32>
}

// -----

// A layer norm's row sum: each chunk of 16 reduced into the row's value
// (a reassociated vector.reduction); the zero fill is left to the upstream
// lowering.
// CHECK-LABEL: func.func @row_sum
// CHECK: linalg.fill
// CHECK: scf.forall
// CHECK:   scf.for {{.*}} to %c768 step %c16
// CHECK:     vector.transfer_read {{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK:     vector.reduction <add>, {{.*}} fastmath<reassoc> : vector<16xf32> into f32
// CHECK-NOT: linalg.generic
func.func @row_sum(%x: tensor<1x128x768xf32>) -> tensor<1x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1x128xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<1x128xf32>) -> tensor<1x128xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b)>], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x : tensor<1x128x768xf32>) outs(%z : tensor<1x128xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %out, %in : f32
    linalg.yield %a : f32
  } -> tensor<1x128xf32>
  return %s : tensor<1x128xf32>
}

// -----

// The layer norm's normalization reads the row's mean and variance and the
// column's gamma: the row values broadcast by their reads, gamma loaded.
// CHECK-LABEL: func.func @normalize
// CHECK: scf.forall
// CHECK:   scf.for {{.*}} step %c16
// CHECK:     vector.transfer_read {{.*}} permutation_map = {{.*}} : tensor<f32>, vector<16xf32>
// CHECK:     arith.subf {{.*}} : vector<16xf32>
// CHECK:     arith.mulf {{.*}} : vector<16xf32>
// CHECK:     vector.transfer_write {{.*}} : vector<16xf32>, tensor<16xf32>
// CHECK-NOT: linalg.generic
func.func @normalize(%x: tensor<1x128x768xf32>, %mean: tensor<1x128xf32>, %rstd: tensor<1x128xf32>, %g: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %e = tensor.empty() : tensor<1x128x768xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(a, b, c) -> (a, b, c)>, affine_map<(a, b, c) -> (a, b)>, affine_map<(a, b, c) -> (a, b)>, affine_map<(a, b, c) -> (c)>, affine_map<(a, b, c) -> (a, b, c)>], iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%x, %mean, %rstd, %g : tensor<1x128x768xf32>, tensor<1x128xf32>, tensor<1x128xf32>, tensor<768xf32>) outs(%e : tensor<1x128x768xf32>) {
  ^bb0(%v: f32, %m: f32, %r: f32, %gamma: f32, %o: f32):
    %d = arith.subf %v, %m : f32
    %n = arith.mulf %d, %r : f32
    %y = arith.mulf %n, %gamma : f32
    linalg.yield %y : f32
  } -> tensor<1x128x768xf32>
  return %s : tensor<1x128x768xf32>
}

// -----

// The heads' transpose before attention keeps head_dim last: contiguous
// vectors of 16 read and written.
// CHECK-LABEL: func.func @heads_transpose
// CHECK-NOT: linalg.transpose
// CHECK: scf.forall
// CHECK:   scf.for {{.*}} to %c64 step %c16
// CHECK:     vector.transfer_read {{.*}} : tensor<16xf32>, vector<16xf32>
// CHECK:     vector.transfer_write {{.*}} : vector<16xf32>, tensor<16xf32>
func.func @heads_transpose(%x: tensor<1x128x12x64xf32>) -> tensor<1x12x128x64xf32> {
  %e = tensor.empty() : tensor<1x12x128x64xf32>
  %t = linalg.transpose ins(%x : tensor<1x128x12x64xf32>) outs(%e : tensor<1x12x128x64xf32>) permutation = [0, 2, 1, 3]
  return %t : tensor<1x12x128x64xf32>
}

// -----

// Dynamic rows (a dynamic sequence length) are threaded like static ones.
// CHECK-LABEL: func.func @dynamic_rows
// CHECK: scf.forall
// CHECK:   scf.for {{.*}} to %c96 step %c16
// CHECK:     arith.maximumf {{.*}} : vector<16xf32>
func.func @dynamic_rows(%x: tensor<?x96xf32>) -> tensor<?x96xf32> {
  %c0 = arith.constant 0 : index
  %zero = arith.constant 0.0 : f32
  %n = tensor.dim %x, %c0 : tensor<?x96xf32>
  %e = tensor.empty(%n) : tensor<?x96xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(a, b) -> (a, b)>, affine_map<(a, b) -> (a, b)>], iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x96xf32>) outs(%e : tensor<?x96xf32>) {
  ^bb0(%v: f32, %o: f32):
    %r = arith.maximumf %v, %zero : f32
    linalg.yield %r : f32
  } -> tensor<?x96xf32>
  return %s : tensor<?x96xf32>
}

// -----

// Left alone: a contraction (B's k is not its last dim), an i1 operand (a
// byte per element in memory), and an op already inside a kernel's loop.
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.matmul
// CHECK: linalg.generic
// CHECK-SAME: tensor<64x64xi1>
// CHECK: scf.forall
// CHECK:   linalg.generic
// CHECK-NOT: vector.
func.func @left_alone(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %m: tensor<64x64xi1>) -> (tensor<64x64xf32>, tensor<64x64xf32>, tensor<4x64xf32>) {
  %zero = arith.constant 0.0 : f32
  %one = arith.constant 1.0 : f32
  %e = tensor.empty() : tensor<64x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> tensor<64x64xf32>
  %p = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%z : tensor<64x64xf32>) -> tensor<64x64xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<64x64xi1>) outs(%e : tensor<64x64xf32>) {
  ^bb0(%k: i1, %o: f32):
    %r = arith.select %k, %one, %zero : f32
    linalg.yield %r : f32
  } -> tensor<64x64xf32>
  %e4 = tensor.empty() : tensor<4x64xf32>
  %f = scf.forall (%i) in (4) shared_outs(%out = %e4) -> (tensor<4x64xf32>) {
    %row = tensor.extract_slice %a[%i, 0] [1, 64] [1, 1] : tensor<64x64xf32> to tensor<64xf32>
    %re = tensor.empty() : tensor<64xf32>
    %d = linalg.generic {indexing_maps = [affine_map<(j) -> (j)>, affine_map<(j) -> (j)>], iterator_types = ["parallel"]}
        ins(%row : tensor<64xf32>) outs(%re : tensor<64xf32>) {
    ^bb0(%v: f32, %o: f32):
      %r = arith.addf %v, %v : f32
      linalg.yield %r : f32
    } -> tensor<64xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %d into %out[%i, 0] [1, 64] [1, 1] : tensor<64xf32> into tensor<4x64xf32>
    }
  }
  return %p, %s, %f : tensor<64x64xf32>, tensor<64x64xf32>, tensor<4x64xf32>
}
