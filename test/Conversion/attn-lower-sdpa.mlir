// attn-lower-sdpa: attn.sdpa → seven linalg.generic ops on tensors (scores,
// scale+mask, row max, masked exp, row sum, P·V, normalize).
// RUN: attn-opt %s -split-input-file -verify-diagnostics --attn-lower-sdpa | FileCheck %s

// GQA (8 query heads, 2 KV heads: K and V read head h floordiv 4), a
// key-padding keep-mask broadcast through constant-0 map results, causal
// with the default bottom-right offset Skv − Sq = 2, default scale 1/sqrt(16).
// CHECK-DAG:   #[[Q5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d4)>
// CHECK-DAG:   #[[K5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 floordiv 4, d3, d4)>
// CHECK-DAG:   #[[O5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[V5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1 floordiv 4, d4, d3)>
// CHECK-DAG:   #[[PAD:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, 0, d3)>
// CHECK-DAG:   #[[ID4:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[ROW:.+]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
// CHECK-LABEL: func.func @gqa_keypad_causal
// CHECK-SAME:  (%[[Q:[^:]+]]: {{[^,]+}}, %[[K:[^:]+]]: {{[^,]+}}, %[[V:[^:]+]]: {{[^,]+}}, %[[M:[^:]+]]: tensor<2x1x1x7xi1>)
// CHECK:       %[[S0:.+]] = linalg.generic {indexing_maps = [#[[Q5]], #[[K5]], #[[O5]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[Q]], %[[K]] : {{.+}}) outs(%{{.+}} : tensor<2x8x5x7xf32>)
// CHECK:         arith.mulf
// CHECK:         arith.addf
// CHECK-DAG:   %[[SCALE:.+]] = arith.constant 2.500000e-01 : f32
// CHECK-DAG:   %[[OFF:.+]] = arith.constant 2 : index
// CHECK:       %[[S:.+]] = linalg.generic {indexing_maps = [#[[PAD]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[M]] : tensor<2x1x1x7xi1>) outs(%[[S0]] : tensor<2x8x5x7xf32>)
// CHECK:         ^bb0(%[[KEEP:.+]]: i1, %[[RAW:.+]]: f32):
// CHECK:         %[[SC:.+]] = arith.mulf %[[RAW]], %[[SCALE]] : f32
// CHECK:         %[[KEPT:.+]] = arith.select %[[KEEP]], %[[SC]], %{{.+}} : f32
// CHECK:         %[[I:.+]] = linalg.index 2 : index
// CHECK:         %[[J:.+]] = linalg.index 3 : index
// CHECK:         %[[LIM:.+]] = arith.addi %[[I]], %[[OFF]] : index
// CHECK:         %[[HIDE:.+]] = arith.cmpi sgt, %[[J]], %[[LIM]] : index
// CHECK:         arith.select %[[HIDE]], %{{.+}}, %[[KEPT]] : f32
// CHECK:       %[[MAX:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW]]], iterator_types = ["parallel", "parallel", "parallel", "reduction"]} ins(%[[S]] : tensor<2x8x5x7xf32>) outs(%{{.+}} : tensor<2x8x5xf32>)
// CHECK:         arith.maximumf
// CHECK:       %[[P:.+]] = linalg.generic {indexing_maps = [#[[ROW]], #[[ID4]]], {{.+}} ins(%[[MAX]] : tensor<2x8x5xf32>) outs(%[[S]] : tensor<2x8x5x7xf32>)
// The safe exponential: a row whose max is -inf (every key masked) subtracts
// 0, so its masked scores give exp(-inf) = 0, never NaN.
// CHECK:         ^bb0(%[[RM:.+]]: f32, %[[SV:.+]]: f32):
// CHECK:         %[[NEGINF:.+]] = arith.constant 0xFF800000 : f32
// CHECK:         %[[EMPTYROW:.+]] = arith.cmpf oeq, %[[RM]], %[[NEGINF]] : f32
// CHECK:         %[[ZERO:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[REF:.+]] = arith.select %[[EMPTYROW]], %[[ZERO]], %[[RM]] : f32
// CHECK:         %[[D:.+]] = arith.subf %[[SV]], %[[REF]] : f32
// CHECK:         math.exp %[[D]] : f32
// CHECK:       %[[L:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW]]], {{.+}} ins(%[[P]] : tensor<2x8x5x7xf32>) outs(%{{.+}} : tensor<2x8x5xf32>)
// CHECK:       %[[ACC:.+]] = linalg.generic {indexing_maps = [#[[Q5]], #[[V5]], #[[O5]]], {{.+}} ins(%[[P]], %[[V]] : tensor<2x8x5x7xf32>, tensor<2x2x7x4xf32>) outs(%{{.+}} : tensor<2x8x5x4xf32>)
// CHECK:       %[[OUT:.+]] = linalg.generic {indexing_maps = [#[[ID4]], #[[ROW]], #[[ID4]]], {{.+}} ins(%[[ACC]], %[[L]] : {{.+}}) outs(%{{.+}} : tensor<2x8x5x4xf32>)
// CHECK:         ^bb0(%[[A:.+]]: f32, %[[LS:.+]]: f32, %{{.+}}: f32):
// CHECK:         %[[ZERO2:.+]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[EMPTY:.+]] = arith.cmpf oeq, %[[LS]], %[[ZERO2]] : f32
// CHECK:         %[[DIV:.+]] = arith.divf %[[A]], %[[LS]] : f32
// CHECK:         arith.select %[[EMPTY]], %[[ZERO2]], %[[DIV]] : f32
// CHECK:       return %[[OUT]]
func.func @gqa_keypad_causal(%q: tensor<2x8x5x16xf32>, %k: tensor<2x2x7x16xf32>,
                             %v: tensor<2x2x7x4xf32>, %m: tensor<2x1x1x7xi1>) -> tensor<2x8x5x4xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x1x1x7xi1>) causal
      : tensor<2x8x5x16xf32>, tensor<2x2x7x16xf32>, tensor<2x2x7x4xf32> -> tensor<2x8x5x4xf32>
  return %o : tensor<2x8x5x4xf32>
}

// -----

// f16 with dynamic sequences and a rank-2 additive mask: the dynamic sizes
// are checked at run time (K and V lengths agree; each dynamic mask dim is 1
// or the scores' dim) and the mask is gathered to Sq x Skv so that a dim of
// runtime size 1 broadcasts; inputs are widened to f32, the bias added after
// scaling, the offset Skv − Sq from the sequences' tensor.dim, and the result
// truncated back to f16.
// CHECK-DAG:   #[[BIAS:.+]] = affine_map<(d0, d1, d2, d3) -> (d2, d3)>
// CHECK-DAG:   #[[SUB:.+]] = affine_map<()[s0, s1] -> (s0 - s1)>
// CHECK-LABEL: func.func @f16_additive_dynamic
// CHECK-SAME:  (%[[Q:[^:]+]]: tensor<1x2x?x8xf16>, %[[K:[^:]+]]: tensor<1x2x?x8xf16>, %{{[^:]+}}: tensor<1x2x?x8xf16>, %[[M:[^:]+]]: tensor<?x?xf16>)
// CHECK:       %[[SQ:.+]] = tensor.dim %[[Q]], %{{.+}} : tensor<1x2x?x8xf16>
// CHECK:       %[[SKV:.+]] = tensor.dim %[[K]], %{{.+}} : tensor<1x2x?x8xf16>
// CHECK:       cf.assert %{{.+}}, "attn.sdpa at {{.+}}: key and value sequence lengths differ"
// CHECK:       cf.assert %{{.+}}, "attn.sdpa at {{.+}}: a dynamic mask dim is neither 1 nor the scores' dim"
// CHECK:       cf.assert %{{.+}}, "attn.sdpa at {{.+}}: a dynamic mask dim is neither 1 nor the scores' dim"
// CHECK:       %[[MB:.+]] = linalg.generic {{.+}} outs(%{{.+}} : tensor<?x?xf16>)
// CHECK:         arith.select
// CHECK:         arith.select
// CHECK:         tensor.extract %[[M]][
// CHECK:       tensor.empty(%[[SQ]], %[[SKV]]) : tensor<1x2x?x?xf32>
// CHECK:       linalg.generic
// CHECK:         arith.extf %{{.+}} : f16 to f32
// CHECK:       %[[SCALE:.+]] = arith.constant 0.353553385 : f32
// CHECK:       %[[OFF:.+]] = affine.apply #[[SUB]]()[%[[SKV]], %[[SQ]]]
// CHECK:       linalg.generic {indexing_maps = [#[[BIAS]], #{{.+}}]{{.+}} ins(%[[MB]] : tensor<?x?xf16>)
// CHECK:         %[[SC:.+]] = arith.mulf %{{.+}}, %[[SCALE]] : f32
// CHECK:         %[[B:.+]] = arith.extf %{{.+}} : f16 to f32
// CHECK:         arith.addf %[[SC]], %[[B]] : f32
// CHECK:         arith.addi %{{.+}}, %[[OFF]] : index
// CHECK:       linalg.generic
// CHECK:       linalg.generic
// CHECK:       linalg.generic
// CHECK:       linalg.generic
// CHECK:       %[[OUT:.+]] = linalg.generic {{.+}} outs(%{{.+}} : tensor<1x2x?x8xf16>)
// CHECK:         arith.truncf %{{.+}} : f32 to f16
// CHECK:       return %[[OUT]] : tensor<1x2x?x8xf16>
func.func @f16_additive_dynamic(%q: tensor<1x2x?x8xf16>, %k: tensor<1x2x?x8xf16>,
                                %v: tensor<1x2x?x8xf16>, %m: tensor<?x?xf16>) -> tensor<1x2x?x8xf16> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<?x?xf16>) causal
      : tensor<1x2x?x8xf16>, tensor<1x2x?x8xf16>, tensor<1x2x?x8xf16> -> tensor<1x2x?x8xf16>
  return %o : tensor<1x2x?x8xf16>
}

// -----

// MHA (no head grouping in the maps), explicit scale, causal offset 0, no mask.
// CHECK-DAG:   #[[K5:.+]] = affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d3, d4)>
// CHECK-LABEL: func.func @mha_scale_offset
// CHECK-DAG:   arith.constant 1.250000e-01 : f32
// CHECK-DAG:   arith.constant 0 : index
// CHECK:       linalg.generic {{.+}} outs(%{{.+}} : tensor<1x4x6x6xf32>) {
// CHECK-NEXT:  ^bb0(%{{.+}}: f32):
func.func @mha_scale_offset(%q: tensor<1x4x6x32xbf16>) -> tensor<1x4x6x32xbf16> {
  %o = attn.sdpa %q, %q, %q causal offset = 0 scale = 0.125
      : tensor<1x4x6x32xbf16>, tensor<1x4x6x32xbf16>, tensor<1x4x6x32xbf16> -> tensor<1x4x6x32xbf16>
  return %o : tensor<1x4x6x32xbf16>
}

// -----

// Left alone: attn.mha and the weights (attn-decompose-layers' and
// attn-lower-weights' business).
// CHECK-LABEL: func.func @not_sdpa
// CHECK:       attn.weight_ref @w
// CHECK:       attn.mha
// CHECK-NOT:   linalg.generic
attn.weight @w = dense<0.5> : tensor<8x8xf32>
func.func @not_sdpa(%x: tensor<1x4x8xf32>) -> tensor<1x4x8xf32> {
  %w = attn.weight_ref @w : tensor<8x8xf32>
  %y = attn.mha %x weights(%w, %w, %w, %w) num_heads(2) num_kv_heads(2) head_dim(4)
      : (tensor<1x4x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

// Dynamic head counts: the grouping map needs them, so the pass stops here.
func.func @dynamic_heads(%q: tensor<1x?x4x8xf32>, %k: tensor<1x?x4x8xf32>) -> tensor<1x?x4x8xf32> {
  // expected-error @+1 {{attn-lower-sdpa needs static query and key/value head counts}}
  %o = attn.sdpa %q, %k, %k : tensor<1x?x4x8xf32>, tensor<1x?x4x8xf32>, tensor<1x?x4x8xf32> -> tensor<1x?x4x8xf32>
  return %o : tensor<1x?x4x8xf32>
}
