// attn-raise: attention chains in linalg on tensors become attn.sdpa; chains
// that only look alike are left alone, each with the reason as a remark.
// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --attn-raise=causal=false | FileCheck %s --check-prefix=NOCAUSAL
// RUN: attn-opt %s --split-input-file --attn-raise --remarks-filter=attn-raise 2>&1 >/dev/null | FileCheck %s --check-prefix=REMARK
// RUN: attn-opt %s --attn-raise --remarks-filter=attn-raise 2>&1 >/dev/null | FileCheck %s --check-prefix=SUMMARY

// Without --split-input-file, one module: the pass counts its chains.
// SUMMARY: remark: [Analysis] RaiseSummary | Category:attn-raise | Remark="5 attention chain(s) raised to attn.sdpa, 3 left alone"

#id = affine_map<(b, h, i, j) -> (b, h, i, j)>
#row = affine_map<(b, h, i, j) -> (b, h, i, 0)>

// torch-mlir's form: one linalg.generic per PyTorch op. Kᵀ by
// linalg.transpose, Q·Kᵀ and P·V as contraction generics, a constant scale,
// a key-padding bias, softmax as max/sub/exp/sum/div.
// CHECK-LABEL: func.func @torch_style
// CHECK-SAME: (%[[Q:.*]]: tensor<2x2x4x8xf32>, %[[K:.*]]: tensor<2x2x6x8xf32>, %[[V:.*]]: tensor<2x2x6x8xf32>, %[[BIAS:.*]]: tensor<2x1x1x6xf32>)
// CHECK-NEXT: %[[O:.*]] = attn.sdpa %[[Q]], %[[K]], %[[V]] mask(%[[BIAS]] : tensor<2x1x1x6xf32>) scale = 3.535530e-01
// CHECK-NEXT: return %[[O]]
// REMARK: remark: [Passed] RaisedSdpa | Category:attn-raise | Function=torch_style | Remark="raised to attn.sdpa: max/sub/exp/sum softmax, additive mask, scaled by 0.353553 (scale 3.535530e-01, mask operand)"
func.func @torch_style(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>,
                       %v: tensor<2x2x6x8xf32>, %bias: tensor<2x1x1x6xf32>)
    -> tensor<2x2x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %scale = arith.constant 0.353553 : f32
  %kt0 = tensor.empty() : tensor<2x2x8x6xf32>
  %kt = linalg.transpose ins(%k : tensor<2x2x6x8xf32>) outs(%kt0 : tensor<2x2x8x6xf32>) permutation = [0, 1, 3, 2]
  %s0 = tensor.empty() : tensor<2x2x4x6xf32>
  %sz = linalg.fill ins(%zero : f32) outs(%s0 : tensor<2x2x4x6xf32>) -> tensor<2x2x4x6xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(b, h, i, j, d) -> (b, h, i, d)>, affine_map<(b, h, i, j, d) -> (b, h, d, j)>, affine_map<(b, h, i, j, d) -> (b, h, i, j)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%q, %kt : tensor<2x2x4x8xf32>, tensor<2x2x8x6xf32>) outs(%sz : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %x1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%s : tensor<2x2x4x6xf32>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %scale : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %x2 = linalg.generic {indexing_maps = [#id, affine_map<(b, h, i, j) -> (b, 0, 0, j)>, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x1, %bias : tensor<2x2x4x6xf32>, tensor<2x1x1x6xf32>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.addf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %m0 = tensor.empty() : tensor<2x2x4x1xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%m0 : tensor<2x2x4x1xf32>) -> tensor<2x2x4x1xf32>
  %mx = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%x2 : tensor<2x2x4x6xf32>) outs(%mi : tensor<2x2x4x1xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.maximumf %a, %acc : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x1xf32>
  %sub = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x2, %mx : tensor<2x2x4x6xf32>, tensor<2x2x4x1xf32>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.subf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%sub : tensor<2x2x4x6xf32>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = math.exp %a : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %si = linalg.fill ins(%zero : f32) outs(%m0 : tensor<2x2x4x1xf32>) -> tensor<2x2x4x1xf32>
  %sum = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%ex : tensor<2x2x4x6xf32>) outs(%si : tensor<2x2x4x1xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %r = arith.addf %a, %acc : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x1xf32>
  %p = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%ex, %sum : tensor<2x2x4x6xf32>, tensor<2x2x4x1xf32>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %o0 = tensor.empty() : tensor<2x2x4x8xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%o0 : tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32>
  %o = linalg.generic {indexing_maps = [affine_map<(b, h, i, n, j) -> (b, h, i, j)>, affine_map<(b, h, i, n, j) -> (b, h, j, n)>, affine_map<(b, h, i, n, j) -> (b, h, i, n)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%p, %v : tensor<2x2x4x6xf32>, tensor<2x2x6x8xf32>) outs(%oz : tensor<2x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}

// -----

// Heads folded into the batch of linalg.batch_matmul, Kᵀ in the matmul's
// indexing maps, divided by sqrt(d) = 8, linalg.softmax.
// CHECK-LABEL: func.func @batch_matmul_softmax
// CHECK-DAG: %[[Q4:.*]] = tensor.expand_shape %arg0 {{\[}}[0, 1], [2], [3]] output_shape [1, 6, 5, 64]
// CHECK-DAG: %[[K4:.*]] = tensor.expand_shape %arg1
// CHECK-DAG: %[[V4:.*]] = tensor.expand_shape %arg2
// CHECK: %[[O:.*]] = attn.sdpa %[[Q4]], %[[K4]], %[[V4]] scale = 1.250000e-01 : tensor<1x6x5x64xf32>, tensor<1x6x7x64xf32>, tensor<1x6x7x32xf32> -> tensor<1x6x5x32xf32>
// CHECK: tensor.collapse_shape %[[O]] {{\[}}[0, 1], [2], [3]]
// CHECK-NOT: linalg.softmax
// REMARK: remark: [Passed] RaisedSdpa | Category:attn-raise | Function=batch_matmul_softmax | Remark="raised to attn.sdpa: linalg.softmax, divided by 8
func.func @batch_matmul_softmax(%q: tensor<6x5x64xf32>, %k: tensor<6x7x64xf32>,
                                %v: tensor<6x7x32xf32>) -> tensor<6x5x32xf32> {
  %zero = arith.constant 0.0 : f32
  %d = arith.constant 8.0 : f32
  %e = tensor.empty() : tensor<6x5x7xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %s = linalg.batch_matmul indexing_maps = [affine_map<(b, i, j, d) -> (b, i, d)>, affine_map<(b, i, j, d) -> (b, j, d)>, affine_map<(b, i, j, d) -> (b, i, j)>] ins(%q, %k : tensor<6x5x64xf32>, tensor<6x7x64xf32>) outs(%z : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, i, j)>, affine_map<(b, i, j) -> (b, i, j)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%s : tensor<6x5x7xf32>) outs(%e : tensor<6x5x7xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.divf %a, %d : f32
    linalg.yield %r : f32
  } -> tensor<6x5x7xf32>
  %p = linalg.softmax dimension(2) ins(%x : tensor<6x5x7xf32>) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %oe = tensor.empty() : tensor<6x5x32xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<6x5x7xf32>, tensor<6x7x32xf32>) outs(%oz : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  return %o : tensor<6x5x32xf32>
}

// -----

// One fused generic for scale, causal mask (built from linalg.index and a
// comparison, as torch-mlir writes triu/tril) and max subtraction: the
// triangle becomes `causal` with its offset (0: top-left).
// CHECK-LABEL: func.func @fused_causal
// CHECK: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} causal offset = 0 scale = 2.500000e-01 : tensor<1x1x8x16xf32>
// NOCAUSAL-LABEL: func.func @fused_causal
// NOCAUSAL: %[[M:.*]] = linalg.generic
// NOCAUSAL: arith.cmpi sle
// NOCAUSAL: attn.sdpa %{{.*}}, %{{.*}}, %{{.*}} mask(%[[M]] : tensor<1x1x8x8xf32>) scale = 2.500000e-01
// REMARK: Function=fused_causal | Remark="raised to attn.sdpa: max/sub/exp/sum softmax, masked fill -inf, scaled by 0.25, causal, offset 0
func.func @fused_causal(%q: tensor<8x16xf32>, %k: tensor<8x16xf32>,
                        %v: tensor<8x16xf32>) -> tensor<8x16xf32> {
  %zero = arith.constant 0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %e = tensor.empty() : tensor<8x8xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<8x8xf32>) -> tensor<8x8xf32>
  %s = linalg.matmul indexing_maps = [affine_map<(i, j, d) -> (i, d)>, affine_map<(i, j, d) -> (j, d)>, affine_map<(i, j, d) -> (i, j)>] ins(%q, %k : tensor<8x16xf32>, tensor<8x16xf32>) outs(%z : tensor<8x8xf32>) -> tensor<8x8xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%s : tensor<8x8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 0.25 : f32
    %sc = arith.mulf %a, %c : f32
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %diff = arith.subi %j, %i : index
    %c0 = arith.constant 0 : index
    %keep = arith.cmpi sle, %diff, %c0 : index
    %r = arith.select %keep, %sc, %ninf : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %m0 = tensor.empty() : tensor<8xf32>
  %mi = linalg.fill ins(%ninf : f32) outs(%m0 : tensor<8xf32>) -> tensor<8xf32>
  %mx = linalg.reduce ins(%x : tensor<8x8xf32>) outs(%mi : tensor<8xf32>) dimensions = [1]
    (%a: f32, %acc: f32) {
      %r = arith.maxnumf %a, %acc : f32
      linalg.yield %r : f32
    }
  %ex = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<8x8xf32>, tensor<8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %d = arith.subf %a, %c : f32
    %r = math.exp %d : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %si = linalg.fill ins(%zero : f32) outs(%m0 : tensor<8xf32>) -> tensor<8xf32>
  %sum = linalg.reduce ins(%ex : tensor<8x8xf32>) outs(%si : tensor<8xf32>) dimensions = [1]
    (%a: f32, %acc: f32) {
      %r = arith.addf %a, %acc : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i)>, affine_map<(i, j) -> (i, j)>], iterator_types = ["parallel", "parallel"]} ins(%ex, %sum : tensor<8x8xf32>, tensor<8xf32>) outs(%e : tensor<8x8xf32>) {
  ^bb0(%a: f32, %c: f32, %o: f32):
    %r = arith.divf %a, %c : f32
    linalg.yield %r : f32
  } -> tensor<8x8xf32>
  %oe = tensor.empty() : tensor<8x16xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<8x16xf32>) -> tensor<8x16xf32>
  %o = linalg.matmul ins(%p, %v : tensor<8x8xf32>, tensor<8x16xf32>) outs(%oz : tensor<8x16xf32>) -> tensor<8x16xf32>
  return %o : tensor<8x16xf32>
}

// -----

// masked_fill(~mask, -1e9) (torch: where(mask, x, -1e9)) stays a finite
// additive bias: a generic selects 0 or -1e9 from the key-padding mask (its
// own shape, not the scores'), so a fully masked row still averages V, as in
// the original graph.
// CHECK-LABEL: func.func @masked_fill_finite
// CHECK: %[[BIAS:.*]] = linalg.generic {{.*}} ins(%arg3 : tensor<2x6xi1>) outs(%{{.*}} : tensor<2x1x1x6xf32>)
// CHECK: arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK: attn.sdpa {{.*}} mask(%[[BIAS]] : tensor<2x1x1x6xf32>) scale = 1.000000e+00
// A -inf fill of the same mask is the boolean mask itself, reshaped.
// CHECK-LABEL: func.func @masked_fill_inf
// CHECK-NOT: linalg.generic
// CHECK: %[[M:.*]] = tensor.expand_shape %arg3 {{.*}} output_shape [2, 1, 1, 6] : tensor<2x6xi1> into tensor<2x1x1x6xi1>
// CHECK: attn.sdpa {{.*}} mask(%[[M]] : tensor<2x1x1x6xi1>) scale = 1.000000e+00
#qk = [affine_map<(b, h, i, j, d) -> (b, h, i, d)>, affine_map<(b, h, i, j, d) -> (b, h, j, d)>, affine_map<(b, h, i, j, d) -> (b, h, i, j)>]
#pv = [affine_map<(b, h, i, n, j) -> (b, h, i, j)>, affine_map<(b, h, i, n, j) -> (b, h, j, n)>, affine_map<(b, h, i, n, j) -> (b, h, i, n)>]
#it5 = ["parallel", "parallel", "parallel", "parallel", "reduction"]
#ew = affine_map<(b, h, i, j) -> (b, h, i, j)>
#pad = affine_map<(b, h, i, j) -> (b, j)>
#it4 = ["parallel", "parallel", "parallel", "parallel"]
func.func @masked_fill_finite(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>,
                              %v: tensor<2x2x6x8xf32>, %mask: tensor<2x6xi1>)
    -> tensor<2x2x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %fill = arith.constant -1.0e+09 : f32
  %s0 = tensor.empty() : tensor<2x2x4x6xf32>
  %sz = linalg.fill ins(%zero : f32) outs(%s0 : tensor<2x2x4x6xf32>) -> tensor<2x2x4x6xf32>
  %s = linalg.generic {indexing_maps = #qk, iterator_types = #it5} ins(%q, %k : tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>) outs(%sz : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [#ew, #pad, #ew], iterator_types = #it4} ins(%s, %mask : tensor<2x2x4x6xf32>, tensor<2x6xi1>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %keep: i1, %o: f32):
    %true = arith.constant true
    %masked = arith.xori %keep, %true : i1
    %r = arith.select %masked, %fill, %a : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %p = linalg.softmax dimension(3) ins(%x : tensor<2x2x4x6xf32>) outs(%s0 : tensor<2x2x4x6xf32>) -> tensor<2x2x4x6xf32>
  %o0 = tensor.empty() : tensor<2x2x4x8xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%o0 : tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32>
  %o = linalg.generic {indexing_maps = #pv, iterator_types = #it5} ins(%p, %v : tensor<2x2x4x6xf32>, tensor<2x2x6x8xf32>) outs(%oz : tensor<2x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}

func.func @masked_fill_inf(%q: tensor<2x2x4x8xf32>, %k: tensor<2x2x6x8xf32>,
                           %v: tensor<2x2x6x8xf32>, %mask: tensor<2x6xi1>)
    -> tensor<2x2x4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %fill = arith.constant 0xFF800000 : f32
  %s0 = tensor.empty() : tensor<2x2x4x6xf32>
  %sz = linalg.fill ins(%zero : f32) outs(%s0 : tensor<2x2x4x6xf32>) -> tensor<2x2x4x6xf32>
  %s = linalg.generic {indexing_maps = #qk, iterator_types = #it5} ins(%q, %k : tensor<2x2x4x8xf32>, tensor<2x2x6x8xf32>) outs(%sz : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %x = linalg.generic {indexing_maps = [#ew, #pad, #ew], iterator_types = #it4} ins(%s, %mask : tensor<2x2x4x6xf32>, tensor<2x6xi1>) outs(%s0 : tensor<2x2x4x6xf32>) {
  ^bb0(%a: f32, %keep: i1, %o: f32):
    %r = arith.select %keep, %a, %fill : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x6xf32>
  %p = linalg.softmax dimension(3) ins(%x : tensor<2x2x4x6xf32>) outs(%s0 : tensor<2x2x4x6xf32>) -> tensor<2x2x4x6xf32>
  %o0 = tensor.empty() : tensor<2x2x4x8xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%o0 : tensor<2x2x4x8xf32>) -> tensor<2x2x4x8xf32>
  %o = linalg.generic {indexing_maps = #pv, iterator_types = #it5} ins(%p, %v : tensor<2x2x4x6xf32>, tensor<2x2x6x8xf32>) outs(%oz : tensor<2x2x4x8xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %m = arith.mulf %a, %b : f32
    %r = arith.addf %acc, %m : f32
    linalg.yield %r : f32
  } -> tensor<2x2x4x8xf32>
  return %o : tensor<2x2x4x8xf32>
}

// -----

// Near misses, left alone with the reason as a remark.
// A softmax over the query dim (1), while P·V contracts the key dim (2).
// CHECK-LABEL: func.func @softmax_wrong_axis
// CHECK-NOT: attn.sdpa
// CHECK: linalg.softmax dimension(1)
// REMARK-DAG: remark: [Missed] NotRaised | Category:attn-raise | Function=softmax_wrong_axis | Remark="not raised: softmax reduces dimension 1, scores are contracted over dimension 2"
func.func @softmax_wrong_axis(%q: tensor<6x5x64xf32>, %k: tensor<6x5x64xf32>,
                              %v: tensor<6x5x32xf32>) -> tensor<6x5x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x5x5xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x5x5xf32>) -> tensor<6x5x5xf32>
  %s = linalg.batch_matmul indexing_maps = [affine_map<(b, i, j, d) -> (b, i, d)>, affine_map<(b, i, j, d) -> (b, j, d)>, affine_map<(b, i, j, d) -> (b, i, j)>] ins(%q, %k : tensor<6x5x64xf32>, tensor<6x5x64xf32>) outs(%z : tensor<6x5x5xf32>) -> tensor<6x5x5xf32>
  %p = linalg.softmax dimension(1) ins(%s : tensor<6x5x5xf32>) outs(%e : tensor<6x5x5xf32>) -> tensor<6x5x5xf32>
  %oe = tensor.empty() : tensor<6x5x32xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<6x5x5xf32>, tensor<6x5x32xf32>) outs(%oz : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  return %o : tensor<6x5x32xf32>
}

// A scale that is a function argument, not a constant.
// CHECK-LABEL: func.func @scale_not_constant
// CHECK-NOT: attn.sdpa
// CHECK: linalg.softmax dimension(2)
// REMARK-DAG: Function=scale_not_constant | Remark="not raised: the scale (factor of the scores) is not a constant"
func.func @scale_not_constant(%q: tensor<6x5x64xf32>, %k: tensor<6x7x64xf32>,
                              %v: tensor<6x7x32xf32>, %scale: f32)
    -> tensor<6x5x32xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x5x7xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %s = linalg.batch_matmul indexing_maps = [affine_map<(b, i, j, d) -> (b, i, d)>, affine_map<(b, i, j, d) -> (b, j, d)>, affine_map<(b, i, j, d) -> (b, i, j)>] ins(%q, %k : tensor<6x5x64xf32>, tensor<6x7x64xf32>) outs(%z : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %x = linalg.generic {indexing_maps = [affine_map<(b, i, j) -> (b, i, j)>, affine_map<(b, i, j) -> (b, i, j)>], iterator_types = ["parallel", "parallel", "parallel"]} ins(%s : tensor<6x5x7xf32>) outs(%e : tensor<6x5x7xf32>) {
  ^bb0(%a: f32, %o: f32):
    %r = arith.mulf %a, %scale : f32
    linalg.yield %r : f32
  } -> tensor<6x5x7xf32>
  %p = linalg.softmax dimension(2) ins(%x : tensor<6x5x7xf32>) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %oe = tensor.empty() : tensor<6x5x32xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<6x5x7xf32>, tensor<6x7x32xf32>) outs(%oz : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  return %o : tensor<6x5x32xf32>
}

// The probabilities are also returned: raising would leave the score matrix
// to compute anyway, so the chain is left alone.
// CHECK-LABEL: func.func @probs_other_user
// CHECK-NOT: attn.sdpa
// CHECK: %[[P:.*]] = linalg.softmax
// CHECK: return %{{.*}}, %[[P]]
// REMARK-DAG: Function=probs_other_user | Remark="not raised: the scores or probabilities (linalg.softmax) have another user (func.return)"
func.func @probs_other_user(%q: tensor<6x5x64xf32>, %k: tensor<6x7x64xf32>,
                            %v: tensor<6x7x32xf32>)
    -> (tensor<6x5x32xf32>, tensor<6x5x7xf32>) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<6x5x7xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %s = linalg.batch_matmul indexing_maps = [affine_map<(b, i, j, d) -> (b, i, d)>, affine_map<(b, i, j, d) -> (b, j, d)>, affine_map<(b, i, j, d) -> (b, i, j)>] ins(%q, %k : tensor<6x5x64xf32>, tensor<6x7x64xf32>) outs(%z : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %p = linalg.softmax dimension(2) ins(%s : tensor<6x5x7xf32>) outs(%e : tensor<6x5x7xf32>) -> tensor<6x5x7xf32>
  %oe = tensor.empty() : tensor<6x5x32xf32>
  %oz = linalg.fill ins(%zero : f32) outs(%oe : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  %o = linalg.batch_matmul ins(%p, %v : tensor<6x5x7xf32>, tensor<6x7x32xf32>) outs(%oz : tensor<6x5x32xf32>) -> tensor<6x5x32xf32>
  return %o, %p : tensor<6x5x32xf32>, tensor<6x5x7xf32>
}
