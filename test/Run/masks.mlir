// Masks: boolean keep-masks and additive biases of every broadcastable
// shape, -inf entries, and fully masked rows (which give zeros, not NaN),
// each checked against the double-precision reference.

// RUN: attn-run %s --function bool_full --check | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function key_padding --check --init small-int | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function key_padding --check --seed 5 | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function additive --check | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function neg_inf_rows --check | FileCheck %s --check-prefixes=CHECK-PASS,CHECK-ZEROS
// RUN: attn-run %s --function bool_rows --check --init small-int | FileCheck %s --check-prefixes=CHECK-PASS,CHECK-ZEROS
// RUN: attn-run %s --function causal_and_padding --check | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function neg_inf_rows --check --pipeline-options=tile=false | FileCheck %s --check-prefixes=CHECK-PASS,CHECK-ZEROS
// RUN: attn-run %s --function key_padding --check --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-PASS

// The same additive mask from an .npy file: -inf entries and a fully masked
// row (row 1), broadcast over batch and heads.
// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/q.npy '<f4' 2x2x3x8 ramp:-1:0.02
// RUN: python3 %S/Inputs/npy.py %t/k.npy '<f4' 2x2x5x8 ramp:0.7:-0.015
// RUN: python3 %S/Inputs/npy.py %t/v.npy '<f4' 2x2x5x8 ramp:-0.4:0.01
// RUN: python3 %S/Inputs/npy.py %t/m.npy '<f4' 3x5 0,-inf,0.5,-1e9,1,-inf,-inf,-inf,-inf,-inf,2,-inf,0,0,-0.25
// RUN: attn-run %s --function additive_rank2 --inputs %t/q.npy,%t/k.npy,%t/v.npy,%t/m.npy --check | FileCheck %s --check-prefixes=CHECK-PASS,CHECK-NPY

// Padding masks filled with the f32 minimum (HuggingFace's finfo.min), not
// -inf: a fully padded row (row 1) weighs every key alike (the mean of V,
// not 0), a partly padded one (row 2) ignores its padded keys; row 3 mixes
// -inf and finfo.min. S = 70 spans two kernel chunks; the same mask on a
// decoding step (one row per head, GQA packed).
// RUN: python3 %S/Inputs/npy.py %t/fq.npy '<f4' 1x4x4x32 sin:1:0.37:0
// RUN: python3 %S/Inputs/npy.py %t/fk.npy '<f4' 1x2x70x32 sin:1:0.53:1
// RUN: python3 %S/Inputs/npy.py %t/fv.npy '<f4' 1x2x70x32 sin:1:0.29:2
// RUN: python3 %S/Inputs/npy.py %t/fm.npy '<f4' 4x70 '0*70,-3.4028235e38*70,-3.4028235e38*30,0*40,-inf*10,-3.4028235e38*50,0.5*10'
// RUN: attn-run %s --function finfo_min --inputs %t/fq.npy,%t/fk.npy,%t/fv.npy,%t/fm.npy --check | FileCheck %s --check-prefix=CHECK-PASS
// RUN: attn-run %s --function finfo_min --inputs %t/fq.npy,%t/fk.npy,%t/fv.npy,%t/fm.npy --check --pipeline-options=tile=false | FileCheck %s --check-prefix=CHECK-PASS
// A NaN bias (row 1) stays NaN, as in the reference, rather than being
// clamped like a huge finite one.
// RUN: python3 %S/Inputs/npy.py %t/nm.npy '<f4' 4x70 '0*70,nan,0*69,0*70,-inf*70'
// RUN: attn-run %s --function finfo_min --inputs %t/fq.npy,%t/fk.npy,%t/fv.npy,%t/nm.npy --check | FileCheck %s --check-prefix=CHECK-NANROW
// CHECK-NANROW: mean nan
// CHECK-NANROW: result 0: max abs err {{.*}} PASS
// RUN: python3 %S/Inputs/npy.py %t/dq.npy '<f4' 1x4x1x32 sin:1:0.41:3
// RUN: python3 %S/Inputs/npy.py %t/dm.npy '<f4' 1x4x1x70 '-3.4028235e38*70,-3.4028235e38*69,0,0*70,-inf*70'
// RUN: attn-run %s --function finfo_min_decode --inputs %t/dq.npy,%t/fk.npy,%t/fv.npy,%t/dm.npy --check | FileCheck %s --check-prefixes=CHECK-PASS,CHECK-ZEROS

// No NaN in the printed result, then a pass.
// CHECK-ZEROS-NOT: nan
// CHECK-NPY-NOT: nan
// CHECK-PASS: reference: attn ops evaluated by attn::ref in double precision
// CHECK-PASS-NEXT: result 0: max abs err {{.*}} PASS

func.func @bool_full(%q: tensor<2x4x8x16xf32>, %k: tensor<2x4x8x16xf32>,
                     %v: tensor<2x4x8x16xf32>, %m: tensor<2x4x8x8xi1>)
    -> tensor<2x4x8x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x4x8x8xi1>)
      : tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>, tensor<2x4x8x16xf32>
      -> tensor<2x4x8x16xf32>
  return %o : tensor<2x4x8x16xf32>
}

// A key-padding mask B×1×1×Skv, with GQA.
func.func @key_padding(%q: tensor<2x4x7x8xf32>, %k: tensor<2x2x11x8xf32>,
                       %v: tensor<2x2x11x8xf32>, %pad: tensor<2x1x1x11xi1>)
    -> tensor<2x4x7x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<2x1x1x11xi1>)
      : tensor<2x4x7x8xf32>, tensor<2x2x11x8xf32>, tensor<2x2x11x8xf32>
      -> tensor<2x4x7x8xf32>
  return %o : tensor<2x4x7x8xf32>
}

// A full additive bias (random normal values).
func.func @additive(%q: tensor<2x2x3x8xf32>, %k: tensor<2x2x5x8xf32>,
                    %v: tensor<2x2x5x8xf32>, %m: tensor<2x2x3x5xf32>)
    -> tensor<2x2x3x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<2x2x3x5xf32>)
      : tensor<2x2x3x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32>
      -> tensor<2x2x3x8xf32>
  return %o : tensor<2x2x3x8xf32>
}

func.func @additive_rank2(%q: tensor<2x2x3x8xf32>, %k: tensor<2x2x5x8xf32>,
                          %v: tensor<2x2x5x8xf32>, %m: tensor<3x5xf32>)
    -> tensor<2x2x3x8xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<3x5xf32>)
      : tensor<2x2x3x8xf32>, tensor<2x2x5x8xf32>, tensor<2x2x5x8xf32>
      -> tensor<2x2x3x8xf32>
  return %o : tensor<2x2x3x8xf32>
}

// An additive mask with -inf entries (0xFF800000) and a row that is -inf
// everywhere (row 2: its output is zeros); -1e9 only weighs.
func.func @neg_inf_rows(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x6x8xf32>,
                        %v: tensor<1x2x6x8xf32>) -> tensor<1x2x4x8xf32> {
  %m = arith.constant dense<[[[
      [0.0, 0xFF800000, 1.0, 0.0, -1.0e9, 0.5],
      [0xFF800000, 0xFF800000, 0.0, 0xFF800000, 0xFF800000, 0xFF800000],
      [0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000, 0xFF800000],
      [-2.0, 0.0, 0.0, 0.0, 0.0, 0xFF800000]]]]> : tensor<1x1x4x6xf32>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x4x6xf32>)
      : tensor<1x2x4x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// A boolean mask of rank 2 (broadcast to every batch and head) whose row 1
// keeps nothing.
func.func @bool_rows(%q: tensor<2x2x3x8xf32>, %k: tensor<2x2x4x8xf32>,
                     %v: tensor<2x2x4x8xf32>) -> tensor<2x2x3x8xf32> {
  %m = arith.constant dense<[[true, false, true, true],
                             [false, false, false, false],
                             [false, false, false, true]]> : tensor<3x4xi1>
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<3x4xi1>)
      : tensor<2x2x3x8xf32>, tensor<2x2x4x8xf32>, tensor<2x2x4x8xf32>
      -> tensor<2x2x3x8xf32>
  return %o : tensor<2x2x3x8xf32>
}

// Causal plus key padding: with padding at the front, early query rows can
// lose every key.
func.func @causal_and_padding(%q: tensor<1x2x6x8xf32>,
                              %k: tensor<1x2x6x8xf32>,
                              %v: tensor<1x2x6x8xf32>)
    -> tensor<1x2x6x8xf32> {
  %pad = arith.constant dense<[[[[false, false, true, true, true, true]]]]>
      : tensor<1x1x1x6xi1>
  %o = attn.sdpa %q, %k, %v mask(%pad : tensor<1x1x1x6xi1>) causal
      : tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>, tensor<1x2x6x8xf32>
      -> tensor<1x2x6x8xf32>
  return %o : tensor<1x2x6x8xf32>
}

// finfo.min padding (see the RUN lines above).
func.func @finfo_min(%q: tensor<1x4x4x32xf32>, %k: tensor<1x2x70x32xf32>,
                     %v: tensor<1x2x70x32xf32>, %m: tensor<4x70xf32>)
    -> tensor<1x4x4x32xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<4x70xf32>)
      : tensor<1x4x4x32xf32>, tensor<1x2x70x32xf32>, tensor<1x2x70x32xf32>
      -> tensor<1x4x4x32xf32>
  return %o : tensor<1x4x4x32xf32>
}

// The same on a decoding step with a mask per query head: head 0 fully
// padded, head 1 sees only key 69, head 2 everything, head 3 nothing (-inf:
// zeros).
func.func @finfo_min_decode(%q: tensor<1x4x1x32xf32>, %k: tensor<1x2x70x32xf32>,
                            %v: tensor<1x2x70x32xf32>, %m: tensor<1x4x1x70xf32>)
    -> tensor<1x4x1x32xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x4x1x70xf32>)
      : tensor<1x4x1x32xf32>, tensor<1x2x70x32xf32>, tensor<1x2x70x32xf32>
      -> tensor<1x4x1x32xf32>
  return %o : tensor<1x4x1x32xf32>
}
