// attn-decompose-layers: attn.mha → projections around attn.sdpa,
// attn.residual → inlined body + residual add (+ layer norm); everything
// else is left alone.
// RUN: attn-opt %s -split-input-file --attn-decompose-layers | FileCheck %s

// Self-attention, GQA, bias on Q only: each projection is a matmul on the
// [B·S, M] rows into a zeroed f32 accumulator, split into heads by
// expand_shape + transpose; sdpa keeps mask, causal, offset and scale.
// CHECK-LABEL: func.func @mha_self_gqa
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x10x16xf32>, %[[WQ:[^:]+]]: tensor<16x16xf32>, %[[WKV:[^:]+]]: tensor<16x8xf32>, %[[WO:[^:]+]]: tensor<16x12xf32>, %[[BQ:[^:]+]]: tensor<16xf32>, %[[M:[^:]+]]: tensor<2x1x1x10xi1>)
// CHECK:      %[[ROWS:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<2x10x16xf32> into tensor<20x16xf32>
// CHECK:      %[[ZQ:.+]] = linalg.fill ins(%{{.+}} : f32) outs(%{{.+}} : tensor<20x16xf32>)
// CHECK:      %[[MQ:.+]] = linalg.matmul ins(%[[ROWS]], %[[WQ]] : {{.+}}) outs(%[[ZQ]] : tensor<20x16xf32>)
// CHECK:      %[[BIASED:.+]] = linalg.generic {{.+}} ins(%[[MQ]], %[[BQ]] : tensor<20x16xf32>, tensor<16xf32>)
// CHECK:        arith.addf
// CHECK:      %[[QE:.+]] = tensor.expand_shape %[[BIASED]] {{\[}}[0, 1], [2, 3]] output_shape [2, 10, 4, 4] : tensor<20x16xf32> into tensor<2x10x4x4xf32>
// CHECK:      %[[Q:.+]] = linalg.transpose ins(%[[QE]] : tensor<2x10x4x4xf32>) outs(%{{.+}} : tensor<2x4x10x4xf32>) permutation = [0, 2, 1, 3]
// CHECK:      %[[MK:.+]] = linalg.matmul ins(%[[ROWS]], %[[WKV]] : {{.+}}) outs(%{{.+}} : tensor<20x8xf32>)
// CHECK:      %[[KE:.+]] = tensor.expand_shape %[[MK]] {{\[}}[0, 1], [2, 3]] output_shape [2, 10, 2, 4]
// CHECK:      %[[K:.+]] = linalg.transpose ins(%[[KE]] : {{.+}}) outs(%{{.+}} : tensor<2x2x10x4xf32>)
// CHECK:      %[[V:.+]] = linalg.transpose
// CHECK:      %[[O:.+]] = attn.sdpa %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<2x1x1x10xi1>) causal offset = 0 scale = 5.000000e-01
// CHECK:      %[[OT:.+]] = linalg.transpose ins(%[[O]] : tensor<2x4x10x4xf32>) outs(%{{.+}} : tensor<2x10x4x4xf32>) permutation = [0, 2, 1, 3]
// CHECK:      %[[OR:.+]] = tensor.collapse_shape %[[OT]] {{\[}}[0, 1], [2, 3]] : tensor<2x10x4x4xf32> into tensor<20x16xf32>
// CHECK:      %[[Y:.+]] = linalg.matmul ins(%[[OR]], %[[WO]] : {{.+}}) outs(%{{.+}} : tensor<20x12xf32>)
// CHECK:      %[[YE:.+]] = tensor.expand_shape %[[Y]] {{\[}}[0, 1], [2]] output_shape [2, 10, 12] : tensor<20x12xf32> into tensor<2x10x12xf32>
// CHECK:      return %[[YE]]
func.func @mha_self_gqa(%x: tensor<2x10x16xf32>, %wq: tensor<16x16xf32>, %wkv: tensor<16x8xf32>,
                        %wo: tensor<16x12xf32>, %bq: tensor<16xf32>, %m: tensor<2x1x1x10xi1>) -> tensor<2x10x12xf32> {
  %y = attn.mha %x weights(%wq, %wkv, %wkv, %wo) bias_q(%bq) mask(%m)
      num_heads(4) num_kv_heads(2) head_dim(4) causal offset = 0 scale = 0.5
      : (tensor<2x10x16xf32>, tensor<16x16xf32>, tensor<16x8xf32>, tensor<16x8xf32>,
         tensor<16x12xf32>, tensor<16xf32>, tensor<2x1x1x10xi1>) -> tensor<2x10x12xf32>
  return %y : tensor<2x10x12xf32>
}

// -----

// f16 cross-attention with a dynamic sequence: the matmul reads f16 and
// accumulates in f32, one generic adds the bias and truncates; the sizes of
// the reshapes come from tensor.dim.
// CHECK-LABEL: func.func @mha_cross_f16_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<1x?x16xf16>, %[[ENC:[^:]+]]: tensor<1x?x24xf16>
// CHECK-DAG:  %[[SQ:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<1x?x16xf16>
// CHECK-DAG:  %[[SKV:.+]] = tensor.dim %[[ENC]], %{{.+}} : tensor<1x?x24xf16>
// CHECK-DAG:  %[[XR:.+]] = tensor.collapse_shape %[[X]] {{\[}}[0, 1], [2]] : tensor<1x?x16xf16> into tensor<?x16xf16>
// CHECK-DAG:  %[[ER:.+]] = tensor.collapse_shape %[[ENC]] {{\[}}[0, 1], [2]] : tensor<1x?x24xf16> into tensor<?x24xf16>
// CHECK:      linalg.matmul ins(%[[XR]], %{{.+}} : tensor<?x16xf16>, tensor<16x16xf16>) outs(%{{.+}} : tensor<?x16xf32>) -> tensor<?x16xf32>
// CHECK:      linalg.generic {{.+}} outs(%{{.+}} : tensor<?x16xf16>)
// CHECK:        arith.truncf %{{.+}} : f32 to f16
// CHECK:      tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2, 3]] output_shape [1, %[[SQ]], 2, 8] : tensor<?x16xf16> into tensor<1x?x2x8xf16>
// CHECK:      linalg.matmul ins(%[[ER]], %{{.+}} : tensor<?x24xf16>, tensor<24x16xf16>) outs(%{{.+}} : tensor<?x16xf32>)
// CHECK:      linalg.generic
// CHECK:        arith.extf %{{.+}} : f16 to f32
// CHECK:        arith.addf
// CHECK:        arith.truncf
// CHECK:      tensor.expand_shape %{{.+}} output_shape [1, %[[SKV]], 2, 8]
// CHECK:      attn.sdpa {{.+}} : tensor<1x2x?x8xf16>, tensor<1x2x?x8xf16>, tensor<1x2x?x8xf16> -> tensor<1x2x?x8xf16>
// CHECK:      %[[OUT:.+]] = tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [1, %[[SQ]], 12] : tensor<?x12xf16> into tensor<1x?x12xf16>
// CHECK:      return %[[OUT]]
func.func @mha_cross_f16_dynamic(%x: tensor<1x?x16xf16>, %enc: tensor<1x?x24xf16>,
                                 %wq: tensor<16x16xf16>, %wk: tensor<24x16xf16>, %wv: tensor<24x16xf16>,
                                 %wo: tensor<16x12xf16>, %bv: tensor<16xf16>) -> tensor<1x?x12xf16> {
  %y = attn.mha %x kv(%enc) weights(%wq, %wk, %wv, %wo) bias_v(%bv)
      num_heads(2) num_kv_heads(2) head_dim(8)
      : (tensor<1x?x16xf16>, tensor<1x?x24xf16>, tensor<16x16xf16>, tensor<24x16xf16>,
         tensor<24x16xf16>, tensor<16x12xf16>, tensor<16xf16>) -> tensor<1x?x12xf16>
  return %y : tensor<1x?x12xf16>
}

// -----

// Batch and sequence both dynamic: no [B·S] rows (LLVM 22 cannot lower an
// expand_shape with two dynamic sizes in one group), the projections
// contract the 3-D input directly.
// CHECK-LABEL: func.func @mha_batch_and_seq_dynamic
// CHECK-NOT:  tensor.collapse_shape %arg0
// CHECK:      linalg.generic {{.+}} iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%arg0, %arg1 : tensor<?x?x8xbf16>, tensor<8x8xbf16>) outs(%{{.+}} : tensor<?x?x8xf32>)
// CHECK:      tensor.expand_shape %{{.+}} {{\[}}[0], [1], [2, 3]] output_shape [%{{.+}}, %{{.+}}, 2, 4] : tensor<?x?x8xbf16> into tensor<?x?x2x4xbf16>
// CHECK:      attn.sdpa
// CHECK:      tensor.collapse_shape %{{.+}} {{\[}}[0], [1], [2, 3]] : tensor<?x?x2x4xbf16> into tensor<?x?x8xbf16>
// CHECK-NOT:  tensor.expand_shape
// CHECK:      return
func.func @mha_batch_and_seq_dynamic(%x: tensor<?x?x8xbf16>, %w: tensor<8x8xbf16>) -> tensor<?x?x8xbf16> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(4)
      : (tensor<?x?x8xbf16>, tensor<8x8xbf16>, tensor<8x8xbf16>, tensor<8x8xbf16>,
         tensor<8x8xbf16>) -> tensor<?x?x8xbf16>
  return %y : tensor<?x?x8xbf16>
}

// -----

// Weights of dynamic width are cast to their static column count, so the
// projected columns split into static heads.
// CHECK-LABEL: func.func @mha_dynamic_weights
// CHECK-SAME:  (%{{[^:]+}}: tensor<2x3x8xf32>, %[[W:[^:]+]]: tensor<?x?xf32>)
// CHECK:       %[[WS:.+]] = tensor.cast %[[W]] : tensor<?x?xf32> to tensor<?x8xf32>
// CHECK:       linalg.matmul ins(%{{.+}}, %[[WS]] : tensor<6x8xf32>, tensor<?x8xf32>)
// CHECK:       tensor.expand_shape %{{.+}} output_shape [2, 3, 2, 4] : tensor<6x8xf32> into tensor<2x3x2x4xf32>
// CHECK:       tensor.expand_shape %{{.+}} {{\[}}[0, 1], [2]] output_shape [2, 3, %{{.+}}] : tensor<6x?xf32> into tensor<2x3x?xf32>
func.func @mha_dynamic_weights(%x: tensor<2x3x8xf32>, %w: tensor<?x?xf32>) -> tensor<2x3x?xf32> {
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(4)
      : (tensor<2x3x8xf32>, tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>,
         tensor<?x?xf32>) -> tensor<2x3x?xf32>
  return %y : tensor<2x3x?xf32>
}

// -----

// No norm: the body is inlined with its argument replaced by x, then x + F(x).
// CHECK-LABEL: func.func @residual_plain
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xf32>
// CHECK:      %[[F:.+]] = math.tanh %[[X]] : tensor<4x8xf32>
// CHECK:      %[[Y:.+]] = linalg.generic {{.+}} ins(%[[X]], %[[F]] : tensor<4x8xf32>, tensor<4x8xf32>)
// CHECK:        arith.addf
// CHECK:      return %[[Y]]
func.func @residual_plain(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %y = attn.residual %x : tensor<4x8xf32> {
  ^bb0(%h: tensor<4x8xf32>):
    %t = math.tanh %h : tensor<4x8xf32>
    attn.yield %t : tensor<4x8xf32>
  }
  return %y : tensor<4x8xf32>
}

// -----

// Pre-norm, bf16: LN(x) in f32 (sum, sum of squared deviations, normalize)
// feeds the body; the residual adds the un-normed x.
// CHECK-DAG:  #[[FULL:.+]] = affine_map<(d0, d1) -> (d0, d1)>
// CHECK-DAG:  #[[ROW:.+]] = affine_map<(d0, d1) -> (d0)>
// CHECK-DAG:  #[[LAST:.+]] = affine_map<(d0, d1) -> (d1)>
// CHECK-LABEL: func.func @residual_pre_bf16
// CHECK-SAME: (%[[X:[^:]+]]: tensor<4x8xbf16>, %[[G:[^:]+]]: tensor<8xbf16>, %[[B:[^:]+]]: tensor<8xbf16>)
// CHECK-DAG:  %[[INVN:.+]] = arith.constant 1.250000e-01 : f32
// CHECK:      %[[SUM:.+]] = linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]] : tensor<4x8xbf16>) outs(%{{.+}} : tensor<4xf32>)
// CHECK:      %[[SQ:.+]] = linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]], #[[ROW]]], iterator_types = ["parallel", "reduction"]} ins(%[[X]], %[[SUM]] : tensor<4x8xbf16>, tensor<4xf32>) outs(%{{.+}} : tensor<4xf32>)
// CHECK:      %[[EPS:.+]] = arith.constant 9.99999974E-6 : f32
// CHECK:      %[[LN:.+]] = linalg.generic {indexing_maps = [#[[FULL]], #[[ROW]], #[[ROW]], #[[LAST]], #[[LAST]], #[[FULL]]], iterator_types = ["parallel", "parallel"]} ins(%[[X]], %[[SUM]], %[[SQ]], %[[G]], %[[B]] : {{.+}}) outs(%{{.+}} : tensor<4x8xbf16>)
// CHECK:        arith.mulf %{{.+}}, %[[INVN]] : f32
// CHECK:        arith.addf %{{.+}}, %[[EPS]] : f32
// CHECK:        math.rsqrt
// CHECK:        arith.truncf %{{.+}} : f32 to bf16
// CHECK:      %[[F:.+]] = math.absf %[[LN]]
// CHECK:      %[[Y:.+]] = linalg.generic {{.+}} ins(%[[X]], %[[F]] : tensor<4x8xbf16>, tensor<4x8xbf16>)
// CHECK:      return %[[Y]]
func.func @residual_pre_bf16(%x: tensor<4x8xbf16>, %g: tensor<8xbf16>, %b: tensor<8xbf16>) -> tensor<4x8xbf16> {
  %y = attn.residual %x norm(pre, %g, %b : tensor<8xbf16>, tensor<8xbf16>) : tensor<4x8xbf16> {
  ^bb0(%h: tensor<4x8xbf16>):
    %a = math.absf %h : tensor<4x8xbf16>
    attn.yield %a : tensor<4x8xbf16>
  }
  return %y : tensor<4x8xbf16>
}

// -----

// Post-norm with a dynamic last dim: LN(x + F(x)), 1/N read at run time; a
// body yielding its argument gives x + x.
// CHECK-LABEL: func.func @residual_post_dynamic
// CHECK-SAME: (%[[X:[^:]+]]: tensor<2x?xf32>
// CHECK:      %[[SUM:.+]] = linalg.generic {{.+}} ins(%[[X]], %[[X]] : tensor<2x?xf32>, tensor<2x?xf32>)
// CHECK:      %[[N:.+]] = tensor.dim %[[SUM]], %{{.+}} : tensor<2x?xf32>
// CHECK:      %[[NI:.+]] = arith.index_castui %[[N]] : index to i64
// CHECK:      %[[NF:.+]] = arith.uitofp %[[NI]] : i64 to f32
// CHECK:      arith.divf %{{.+}}, %[[NF]] : f32
// CHECK:      math.rsqrt
// CHECK:      return
func.func @residual_post_dynamic(%x: tensor<2x?xf32>, %g: tensor<?xf32>, %b: tensor<?xf32>) -> tensor<2x?xf32> {
  %y = attn.residual %x norm(post, %g, %b : tensor<?xf32>, tensor<?xf32>) {epsilon = 1.0e-3 : f32} : tensor<2x?xf32> {
  ^bb0(%h: tensor<2x?xf32>):
    attn.yield %h : tensor<2x?xf32>
  }
  return %y : tensor<2x?xf32>
}

// -----

// Left alone: attn.sdpa, the weights, and the ops around them (no folding,
// no constant hoisting).
// CHECK:       attn.weight @w = dense<1.000000e+00> : tensor<4x4xf32>
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT:  %[[W:.+]] = attn.weight_ref @w : tensor<4x4xf32>
// CHECK-NEXT:  %[[C:.+]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:  %[[C2:.+]] = arith.constant 2.000000e+00 : f32
// CHECK-NEXT:  %[[S:.+]] = arith.addf %[[C]], %[[C2]] : f32
// CHECK-NEXT:  %[[O:.+]] = attn.sdpa %arg0, %arg0, %arg0 causal : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
// CHECK-NEXT:  return %[[O]], %[[W]], %[[S]]
attn.weight @w = dense<1.0> : tensor<4x4xf32>
func.func @untouched(%q: tensor<1x2x4x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<4x4xf32>, f32) {
  %w = attn.weight_ref @w : tensor<4x4xf32>
  %c = arith.constant 2.0 : f32
  %c2 = arith.constant 2.0 : f32
  %s = arith.addf %c, %c2 : f32
  %o = attn.sdpa %q, %q, %q causal : tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32> -> tensor<1x2x4x4xf32>
  return %o, %w, %s : tensor<1x2x4x4xf32>, tensor<4x4xf32>, f32
}
