// attn-matmul-kernel: contractions to the register-blocked vector kernel.
// RUN: attn-opt %s --attn-matmul-kernel="lanes=16" -split-input-file | FileCheck %s
// vector-lanes, the option's name in attn-vectorize-online-attention and
// the pipeline, is the same option (lanes is its older spelling here).
// RUN: attn-opt %s --attn-matmul-kernel="vector-lanes=16" -split-input-file | FileCheck %s
// Register tiles are checked.
// RUN: not attn-opt %s --attn-matmul-kernel="rows=0" -split-input-file 2>&1 | FileCheck %s --check-prefix=BADSIZE
// BADSIZE: error: attn-matmul-kernel: rows (0) and vectors (2) must be positive with rows × vectors ≤ 32
// Without epilogue fusion the consumers stay separate loops.
// RUN: attn-opt %s --attn-matmul-kernel="lanes=16 fuse-epilogues=false" -split-input-file | FileCheck %s --check-prefix=NOFUSE
// Without prepacking a constant B is packed per call.
// RUN: attn-opt %s --attn-matmul-kernel="lanes=16 prepack-weights=false" -split-input-file | FileCheck %s --check-prefix=NOPACK

// 8 rows × 2 vectors of 16: 16 accumulators carried over k, each k step two
// loads of B, eight broadcasts of A and 16 FMAs; one store per accumulator.
// M = 64 and N = 128 are multiples of the tile: no remainder code.
// CHECK-LABEL: func.func @static
// CHECK-NOT: linalg.matmul
// CHECK: scf.forall (%{{.*}}, %{{.*}}) in (%{{.*}}, %{{.*}}) shared_outs(%{{.*}} = %{{.*}}) -> (tensor<64x128xf32>)
// CHECK:   scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c32{{.*}} iter_args
// CHECK:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %c8 iter_args
// CHECK:       scf.for %{{.*}} = %{{.*}} to %c32 step %c1 iter_args(
// CHECK-SAME:    -> (vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>)
// CHECK-COUNT-2: vector.transfer_read %arg1{{.*}} {in_bounds = [true]} : tensor<32x128xf32>, vector<16xf32>
// CHECK:         tensor.extract %arg0
// CHECK:         vector.broadcast {{.*}} : f32 to vector<16xf32>
// CHECK-COUNT-16: vector.fma {{.*}} : vector<16xf32>
// CHECK:         scf.yield
// CHECK-COUNT-16: vector.transfer_write {{.*}} {in_bounds = [true]} : vector<16xf32>, tensor<?x?xf32>
// CHECK-NOT: scf.index_switch
// CHECK-NOT: scf.if
// CHECK: tensor.parallel_insert_slice
func.func @static(%a: tensor<64x32xf32>, %b: tensor<32x128xf32>) -> tensor<64x128xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<64x128xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x128xf32>) -> tensor<64x128xf32>
  %y = linalg.matmul ins(%a, %b : tensor<64x32xf32>, tensor<32x128xf32>) outs(%z : tensor<64x128xf32>) -> tensor<64x128xf32>
  return %y : tensor<64x128xf32>
}

// -----

// Dynamic M and an N that is not a multiple of 32: the rows left over take
// the kernel with 1..7 rows, the last columns read and store masked.
// CHECK-LABEL: func.func @remainders
// CHECK: scf.forall
// CHECK: scf.for
// CHECK: scf.index_switch
// CHECK: case 1 {
// CHECK: case 7 {
// CHECK: scf.if
// CHECK: vector.transfer_read %arg1{{.*}} : tensor<24x40xf32>, vector<16xf32>
// CHECK: vector.transfer_write {{.*}} : vector<16xf32>, tensor<?x?xf32>
func.func @remainders(%a: tensor<?x24xf32>, %b: tensor<24x40xf32>) -> tensor<?x40xf32> {
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x24xf32>
  %e = tensor.empty(%m) : tensor<?x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x40xf32>) -> tensor<?x40xf32>
  %y = linalg.matmul ins(%a, %b : tensor<?x24xf32>, tensor<24x40xf32>) outs(%z : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %y : tensor<?x40xf32>
}

// -----

// A constant weight is stored packed, [N/32][K][32] with the 40 columns
// zero-padded to 64, as a new weight; the original is gone and the function
// reads the packed one in place: no packing op in the function.
// CHECK-LABEL: module
// CHECK-NOT: attn.weight @w =
// CHECK: attn.weight @w.packed32 = dense_resource<w.packed32> : tensor<2x24x32xf32>
// CHECK-NOT: attn.weight @w =
// CHECK-LABEL: func.func @prepacked
// CHECK: %[[W:.*]] = attn.weight_ref @w.packed32 : tensor<2x24x32xf32>
// CHECK-NOT: linalg.
// CHECK: vector.transfer_read %[[W]]{{.*}} {in_bounds = [true]} : tensor<2x24x32xf32>, vector<16xf32>
// CHECK-NOT: linalg.
// NOPACK-LABEL: func.func @prepacked
// NOPACK: attn.weight_ref @w : tensor<24x40xf32>
// NOPACK: vector.transfer_read
attn.weight @w = dense<0.5> : tensor<24x40xf32>
func.func @prepacked(%a: tensor<?x24xf32>) -> tensor<?x40xf32> {
  %w = attn.weight_ref @w : tensor<24x40xf32>
  %zero = arith.constant 0.0 : f32
  %c0 = arith.constant 0 : index
  %m = tensor.dim %a, %c0 : tensor<?x24xf32>
  %e = tensor.empty(%m) : tensor<?x40xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<?x40xf32>) -> tensor<?x40xf32>
  %y = linalg.matmul ins(%a, %w : tensor<?x24xf32>, tensor<24x40xf32>) outs(%z : tensor<?x40xf32>) -> tensor<?x40xf32>
  return %y : tensor<?x40xf32>
}

// -----

// Bias and GELU applied to the accumulators: no loop over the output other
// than the kernel's, the bias read as vectors, erf on vectors before the one
// store per accumulator.
// CHECK-LABEL: func.func @bias_gelu
// CHECK-NOT: linalg.generic
// CHECK: scf.forall
// CHECK: vector.fma
// CHECK: vector.transfer_read %arg2{{.*}} : tensor<64xf32>, vector<16xf32>
// CHECK: arith.addf {{.*}} : vector<16xf32>
// CHECK: math.erf {{.*}} : vector<16xf32>
// CHECK: vector.transfer_write
// CHECK-NOT: linalg.generic
// CHECK: return
// NOFUSE-LABEL: func.func @bias_gelu
// NOFUSE: scf.forall
// NOFUSE: linalg.generic
// NOFUSE: math.erf {{.*}} : f32
func.func @bias_gelu(%a: tensor<16x8xf32>, %b: tensor<8x64xf32>, %bias: tensor<64xf32>) -> tensor<16x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x64xf32>) -> tensor<16x64xf32>
  %y = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x64xf32>) outs(%z : tensor<16x64xf32>) -> tensor<16x64xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%y, %bias : tensor<16x64xf32>, tensor<64xf32>) outs(%e : tensor<16x64xf32>) {
  ^bb0(%v: f32, %c: f32, %o: f32):
    %u = arith.addf %v, %c : f32
    %half = arith.constant 0.5 : f32
    %one = arith.constant 1.0 : f32
    %rsqrt2 = arith.constant 0.707106769 : f32
    %us = arith.mulf %u, %rsqrt2 : f32
    %erf = math.erf %us : f32
    %onep = arith.addf %one, %erf : f32
    %hu = arith.mulf %half, %u : f32
    %gelu = arith.mulf %hu, %onep : f32
    linalg.yield %gelu : f32
  } -> tensor<16x64xf32>
  return %g : tensor<16x64xf32>
}

// -----

// A consumer reading the product twice, or transposed, is not fused: the
// product stays a kernel of its own and the consumer a linalg.generic.
// CHECK-LABEL: func.func @not_fused
// CHECK: scf.forall
// CHECK: linalg.generic
func.func @not_fused(%a: tensor<16x8xf32>, %b: tensor<8x16xf32>) -> tensor<16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<16x16xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<16x16xf32>) -> tensor<16x16xf32>
  %y = linalg.matmul ins(%a, %b : tensor<16x8xf32>, tensor<8x16xf32>) outs(%z : tensor<16x16xf32>) -> tensor<16x16xf32>
  %t = linalg.generic {indexing_maps = [affine_map<(i, j) -> (j, i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]}
      ins(%y : tensor<16x16xf32>) outs(%e : tensor<16x16xf32>) {
  ^bb0(%v: f32, %o: f32):
    linalg.yield %v : f32
  } -> tensor<16x16xf32>
  return %t : tensor<16x16xf32>
}

// -----

// Bᵀ (N×K) that is not a constant: packed per call by a linalg.generic.
// CHECK-LABEL: func.func @transposed_b
// CHECK: %[[P:.*]] = linalg.generic
// CHECK: tensor.extract %arg1
// CHECK: -> tensor<2x21x32xf32>
// CHECK: scf.forall
// CHECK: vector.transfer_read %[[P]]{{.*}} {in_bounds = [true]} : tensor<2x21x32xf32>, vector<16xf32>
func.func @transposed_b(%a: tensor<10x21xf32>, %b: tensor<45x21xf32>) -> tensor<10x45xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<10x45xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<10x45xf32>) -> tensor<10x45xf32>
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
      ins(%a, %b : tensor<10x21xf32>, tensor<45x21xf32>) outs(%z : tensor<10x45xf32>) -> tensor<10x45xf32>
  return %y : tensor<10x45xf32>
}

// -----

// Left alone: integer operands, an f16 accumulator, a matrix-vector
// product (no N dim), two reduction dims.
// CHECK-LABEL: func.func @left_alone
// CHECK: linalg.matmul ins({{.*}} : tensor<4x4xi32>, tensor<4x4xi32>)
// CHECK: linalg.matmul ins({{.*}} : tensor<4x4xf16>, tensor<4x4xf16>)
// CHECK: linalg.matvec
// CHECK: linalg.generic
// CHECK-NOT: scf.forall
func.func @left_alone(%ai: tensor<4x4xi32>, %ci: tensor<4x4xi32>, %ah: tensor<4x4xf16>, %ch: tensor<4x4xf16>,
                      %a: tensor<4x4xf32>, %v: tensor<4xf32>, %cv: tensor<4xf32>, %x: tensor<4x4x4xf32>, %c: tensor<4xf32>)
    -> (tensor<4x4xi32>, tensor<4x4xf16>, tensor<4xf32>, tensor<4xf32>) {
  %0 = linalg.matmul ins(%ai, %ai : tensor<4x4xi32>, tensor<4x4xi32>) outs(%ci : tensor<4x4xi32>) -> tensor<4x4xi32>
  %1 = linalg.matmul ins(%ah, %ah : tensor<4x4xf16>, tensor<4x4xf16>) outs(%ch : tensor<4x4xf16>) -> tensor<4x4xf16>
  %2 = linalg.matvec ins(%a, %v : tensor<4x4xf32>, tensor<4xf32>) outs(%cv : tensor<4xf32>) -> tensor<4xf32>
  %3 = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (j, k)>, affine_map<(i, j, k) -> (i)>],
                       iterator_types = ["parallel", "reduction", "reduction"]}
      ins(%x, %a : tensor<4x4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4xf32>) {
  ^bb0(%xv: f32, %av: f32, %o: f32):
    %p = arith.mulf %xv, %av : f32
    %s = arith.addf %o, %p : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %0, %1, %2, %3 : tensor<4x4xi32>, tensor<4x4xf16>, tensor<4xf32>, tensor<4xf32>
}
