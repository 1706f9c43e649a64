// attn-run's integer and scalar arguments (i32, i64, index tensors; i64,
// index, i1, f32 scalars: cache lengths, positions, flags) and inline values
// in iree-run-module's spelling (--input=2x3xf32=1,2,3,4,5,6, brackets,
// splats, TYPE=@file.npy), mixed with .npy files and 'random'.

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/idx.npy '<i4' 3 7,0,2
// RUN: python3 %S/Inputs/npy.py %t/pos.npy '<i8' 2 10,20

// A decoding step that reads the first %len rows of a key/value cache.
// With q = 0 every kept key has the same score, so the result is the mean
// of V's first %len rows; V's row i holds i: mean(0..3) = 1.5, and 3.5 if
// the length were ignored (all 8 rows).
// RUN: attn-run %s --function cache_len --input=1x1x1x4xf32=0 --input=1x1x8x4xf32=0 --input='1x1x8x4xf32=[0 0 0 0][1 1 1 1][2 2 2 2][3 3 3 3][4 4 4 4][5 5 5 5][6 6 6 6][7 7 7 7]' --input=index=4 --check | FileCheck %s --check-prefix=LEN
// LEN:      @cache_len: inputs: 0-3 inline
// LEN-NEXT: result 0: 1x1x1x4 f32 (tensor<1x1x1x4xf32>)
// LEN-NEXT:   [1.5, 1.5, 1.5, 1.5]
// LEN:      result 0: max abs err {{.*}} PASS
// RUN: attn-run %s --function cache_len --input=random --input=random --input=random --input=index=8 --check | FileCheck %s --check-prefix=LENRANDOM
// LENRANDOM: @cache_len: inputs: 0-2 random normal (seed 0), 3 inline
// LENRANDOM: result 0: max abs err {{.*}} PASS

// An i32 index tensor from a .npy file gathers rows of an inline table.
// RUN: attn-run %s --function gather --input='8x2xf32=0,1,10,11,20,21,30,31,40,41,50,51,60,61,70,71' --input=%t/idx.npy | FileCheck %s --check-prefix=GATHER
// GATHER:      @gather: inputs: 0 inline, 1 .npy
// GATHER-NEXT: result 0: 3x2 f32 (tensor<3x2xf32>)
// GATHER-NEXT:   [70, 71, 0, 1, 20, 21]
// The same index tensor inline, and as TYPE=@file.
// RUN: attn-run %s --function gather --input='8x2xf32=0,1,10,11,20,21,30,31,40,41,50,51,60,61,70,71' --input=3xi32=7,0,2 | FileCheck %s --check-prefix=GATHER2
// RUN: attn-run %s --function gather --input='8x2xf32=0,1,10,11,20,21,30,31,40,41,50,51,60,61,70,71' --input=3xi32=@%t/idx.npy | FileCheck %s --check-prefix=GATHER2
// GATHER2: [70, 71, 0, 1, 20, 21]

// i64 and index tensors in and out, with an i64 scalar; integers print in
// full and are written as '<i8' .npy files.
// RUN: attn-run %s --function advance --input=%t/pos.npy --input=i64=3 --output-npy %t/adv | FileCheck %s --check-prefix=ADV
// ADV:      result 0: 2 i64 (tensor<2xi64>)
// ADV-NEXT:   [13, 23]
// RUN: python3 -c "import sys; sys.path.insert(0, '%S/Inputs'); import npy; print(npy.read('%t/adv0.npy'))" | FileCheck %s --check-prefix=ADVNPY
// ADVNPY: ((2,), [13, 23])
// RUN: attn-run %s --function index_plus_one --input='2x2xindex=[9007199254740990 -5][0 1]' | FileCheck %s --check-prefix=INDEX
// INDEX:      result 0: 2x2 i64 (tensor<2x2xindex>)
// INDEX-NEXT:   [9007199254740991, -4, 1, 2]

// i1 and f32 scalars.
// RUN: attn-run %s --function scale_if --input=4xf32=1,2,3,4 --input=i1=true --input=f32=0.5 | FileCheck %s --check-prefix=FLAGON
// FLAGON: [0.5, 1, 1.5, 2]
// RUN: attn-run %s --function scale_if --input=4xf32=1,2,3,4 --input=i1=0 --input=f32=0.5 | FileCheck %s --check-prefix=FLAGOFF
// FLAGOFF: [1, 2, 3, 4]

// attn-compile passes scalars by value and i32/i64/index elements as
// int32_t/int64_t; the header compiles.
// RUN: attn-compile %s --function cache_len -o %t/cache_len.o --header %t/cache_len.h --pipeline-options=parallel=false
// RUN: FileCheck %s --check-prefix=HEADER < %t/cache_len.h
// RUN: %host_cc -std=c11 -Wall -Werror -fsyntax-only -x c %t/cache_len.h
// HEADER: void _mlir_ciface_cache_len(attn_memref_f32_4d *result, attn_memref_f32_4d *arg0, attn_memref_f32_4d *arg1, attn_memref_f32_4d *arg2, int64_t arg3);
// RUN: attn-compile %s --function gather -o %t/gather.o --header %t/gather.h --pipeline-options=parallel=false
// RUN: FileCheck %s --check-prefix=HEADERI32 < %t/gather.h
// HEADERI32:      int32_t *allocated;
// HEADERI32:      } attn_memref_i32_1d;

// Malformed or mismatched inputs: a clear error naming the --input, never a
// crash or made-up values.
// RUN: not attn-run %s --function advance 2>&1 | FileCheck %s --check-prefix=ERR-NOINT
// ERR-NOINT: attn-run: error: @advance: argument 0 of type tensor<2xi64> holds integers (lengths, positions, indices), which attn-run does not make up: give its value with --input, e.g. --input=2xi64=0 (one --input per argument, in order; 'random' for the others)
// RUN: not attn-run %s --function advance --input=%t/pos.npy --input=random 2>&1 | FileCheck %s --check-prefix=ERR-NOSCALAR
// ERR-NOSCALAR: attn-run: error: @advance: argument 1 of type i64 holds integers {{.*}} e.g. --input=i64=0
// RUN: not attn-run %s --function advance --input=%t/pos.npy 2>&1 | FileCheck %s --check-prefix=ERR-COUNT
// ERR-COUNT: attn-run: error: @advance: the function takes 2 arguments but 1 .npy inputs were given
// RUN: not attn-run %s --function advance --input=2xi64=1,2 --input=random --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-COUNT2
// ERR-COUNT2: attn-run: error: @advance: the function takes 2 arguments but 3 --input values were given
// RUN: not attn-run %s --function advance --input=2xi64=1,2,3 --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-VALUES
// ERR-VALUES: attn-run: error: @advance: input 0 (2xi64=1,2,3): 3 values for 2xi64 (2 elements): give 2, or one to fill them all
// RUN: not attn-run %s --function advance --input=2xi64=1,x --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-BADINT
// ERR-BADINT: attn-run: error: @advance: input 0 (2xi64=1,x): 'x' is not a valid i64 value (a decimal integer of magnitude at most 2^53)
// RUN: not attn-run %s --function gather --input=8x2xf32=0 --input=3xi32=1,2,3000000000 2>&1 | FileCheck %s --check-prefix=ERR-I32
// ERR-I32: attn-run: error: @gather: input 1 (3xi32=1,2,3000000000): '3000000000' is not a valid i32 value (a decimal integer that fits in 32 bits)
// RUN: not attn-run %s --function scale_if --input=4xf32=1,2,3,four --input=i1=1 --input=f32=1 2>&1 | FileCheck %s --check-prefix=ERR-BADF
// ERR-BADF: attn-run: error: @scale_if: input 0 (4xf32=1,2,3,four): 'four' is not a valid f32 value (a number, inf, -inf or nan)
// RUN: not attn-run %s --function scale_if --input=4xf32=1 --input=i1=2 --input=f32=1 2>&1 | FileCheck %s --check-prefix=ERR-BADI1
// ERR-BADI1: attn-run: error: @scale_if: input 1 (i1=2): '2' is not a valid i1 value (0, 1, true or false)
// RUN: not attn-run %s --function advance --input=2xi32=1,2 --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-ELEM
// ERR-ELEM: attn-run: error: @advance: input 0 (2xi32=1,2): element type of '2xi32' does not match argument 0 of type tensor<2xi64>
// RUN: not attn-run %s --function advance --input=3xi64=1,2,3 --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-SHAPE
// ERR-SHAPE: attn-run: error: @advance: input 0 (3xi64=1,2,3): shape 3 does not match argument 0 of type tensor<2xi64> (2)
// RUN: not attn-run %s --function advance --input=2xi64=1 --input=1xi64=1 2>&1 | FileCheck %s --check-prefix=ERR-RANK
// ERR-RANK: attn-run: error: @advance: input 1 (1xi64=1): shape 1 does not match argument 1 of type i64 (scalar)
// RUN: not attn-run %s --function advance --input=2xi64=1 --input=3 2>&1 | FileCheck %s --check-prefix=ERR-BARE
// ERR-BARE: attn-run: error: @advance: cannot read input 1 (3): {{.*}} (a value is written TYPE=VALUE, e.g. --input=i64=3)
// RUN: not attn-run %s --function advance --input=2xu8=1 --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-TYPE
// ERR-TYPE: attn-run: error: --input '2xu8=1': unknown element type 'u8' (expected TYPE=VALUES with TYPE like 2x3xf32; element types: f32, f16, bf16, i1, i32, i64, index)
// RUN: not attn-run %s --function advance --input=2x-1xi64=1 --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-SIZE
// ERR-SIZE: attn-run: error: --input '2x-1xi64=1': bad size '-1' in '2x-1xi64' (sizes are non-negative integers joined by 'x', e.g. 2x3xf32)
// RUN: not attn-run %s --function advance --input=2xi64= --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-EMPTY
// ERR-EMPTY: attn-run: error: --input '2xi64=': no values after '='
// RUN: not attn-run %s --function advance --input=2xi64=@ --input=i64=1 2>&1 | FileCheck %s --check-prefix=ERR-AT
// ERR-AT: attn-run: error: --input '2xi64=@': expected a file name after '@'
// RUN: not attn-run %s --function gather --input=8x2xf32=0 --input=%t/pos.npy 2>&1 | FileCheck %s --check-prefix=ERR-DTYPE
// ERR-DTYPE: attn-run: error: @gather: input 1 ({{.*}}pos.npy): dtype '<i8' does not match argument 1 of type tensor<3xi32> (expected '<i4')

func.func @cache_len(%q: tensor<1x1x1x4xf32>, %kc: tensor<1x1x8x4xf32>,
                     %vc: tensor<1x1x8x4xf32>, %len: index)
    -> tensor<1x1x1x4xf32> {
  %k = tensor.extract_slice %kc[0, 0, 0, 0] [1, 1, %len, 4] [1, 1, 1, 1]
      : tensor<1x1x8x4xf32> to tensor<1x1x?x4xf32>
  %v = tensor.extract_slice %vc[0, 0, 0, 0] [1, 1, %len, 4] [1, 1, 1, 1]
      : tensor<1x1x8x4xf32> to tensor<1x1x?x4xf32>
  %o = attn.sdpa %q, %k, %v
      : tensor<1x1x1x4xf32>, tensor<1x1x?x4xf32>, tensor<1x1x?x4xf32>
      -> tensor<1x1x1x4xf32>
  return %o : tensor<1x1x1x4xf32>
}

func.func @gather(%table: tensor<8x2xf32>, %idx: tensor<3xi32>)
    -> tensor<3x2xf32> {
  %e = tensor.empty() : tensor<3x2xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%idx : tensor<3xi32>) outs(%e : tensor<3x2xf32>) {
  ^bb0(%row: i32, %o: f32):
    %j = linalg.index 1 : index
    %r = arith.index_cast %row : i32 to index
    %x = tensor.extract %table[%r, %j] : tensor<8x2xf32>
    linalg.yield %x : f32
  } -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}

func.func @advance(%pos: tensor<2xi64>, %step: i64) -> tensor<2xi64> {
  %e = tensor.empty() : tensor<2xi64>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>,
                                        affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%pos : tensor<2xi64>) outs(%e : tensor<2xi64>) {
  ^bb0(%p: i64, %o: i64):
    %n = arith.addi %p, %step : i64
    linalg.yield %n : i64
  } -> tensor<2xi64>
  return %r : tensor<2xi64>
}

func.func @index_plus_one(%p: tensor<2x2xindex>) -> tensor<2x2xindex> {
  %c1 = arith.constant 1 : index
  %e = tensor.empty() : tensor<2x2xindex>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                        affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%p : tensor<2x2xindex>) outs(%e : tensor<2x2xindex>) {
  ^bb0(%x: index, %o: index):
    %n = arith.addi %x, %c1 : index
    linalg.yield %n : index
  } -> tensor<2x2xindex>
  return %r : tensor<2x2xindex>
}

func.func @scale_if(%x: tensor<4xf32>, %flag: i1, %s: f32) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>,
                                        affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%a: f32, %o: f32):
    %m = arith.mulf %a, %s : f32
    %y = arith.select %flag, %m, %a : f32
    linalg.yield %y : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}
