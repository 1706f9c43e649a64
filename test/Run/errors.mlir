// attn-run's and attn-compile's errors: each exits non-zero with a message
// that names the function, argument or file at fault.

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/a2x4.npy '<f4' 2x4 ramp:0:1
// RUN: python3 %S/Inputs/npy.py %t/a2x3.npy '<f4' 2x3 ramp:0:1
// RUN: python3 %S/Inputs/npy.py %t/h2x4.npy '<f2' 2x4 ramp:0:1
// RUN: echo "not an npy file" > %t/garbage.npy

// RUN: not attn-run %s --function nope 2>&1 | FileCheck %s --check-prefix=CHECK-MISSING
// CHECK-MISSING: attn-run: error: no function @nope with a body in the module (functions: @add, @ints, @scalar, @vector_arg, @scalar_result, @f64_result, @dynamic, @upstream_only)

// RUN: not attn-run %s 2>&1 | FileCheck %s --check-prefix=CHECK-SEVERAL
// CHECK-SEVERAL: attn-run: error: the module has several public functions (@add, {{.*}}); choose one with --function

// RUN: not attn-run %s --function add --inputs %t/a2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-COUNT
// CHECK-COUNT: attn-run: error: @add: the function takes 2 arguments but 1 .npy inputs were given

// RUN: not attn-run %s --function add --inputs %t/a2x4.npy,%t/a2x3.npy 2>&1 | FileCheck %s --check-prefix=CHECK-SHAPE
// CHECK-SHAPE: attn-run: error: @add: input 1 ({{.*}}a2x3.npy): shape 2x3 does not match argument 1 of type tensor<2x4xf32> (2x4)

// RUN: not attn-run %s --function add --input %t/h2x4.npy --input %t/a2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-DTYPE
// CHECK-DTYPE: attn-run: error: @add: input 0 ({{.*}}h2x4.npy): dtype '<f2' does not match argument 0 of type tensor<2x4xf32> (expected '<f4')

// RUN: not attn-run %s --function add --inputs %t/a2x4.npy,%t/missing.npy 2>&1 | FileCheck %s --check-prefix=CHECK-NOFILE
// CHECK-NOFILE: attn-run: error: @add: cannot read input 1 ({{.*}}missing.npy): {{.*}}missing.npy

// RUN: not attn-run %s --function add --inputs %t/garbage.npy,%t/a2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-GARBAGE
// CHECK-GARBAGE: attn-run: error: @add: cannot read input 0 ({{.*}}garbage.npy): {{.*}}garbage.npy:

// RUN: not attn-run %s --function add --input %t/a2x4.npy --inputs %t/a2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-BOTH
// CHECK-BOTH: attn-run: error: give .npy inputs with --input or with --inputs, not both

// RUN: not attn-run %s --function ints 2>&1 | FileCheck %s --check-prefix=CHECK-INTS
// CHECK-INTS: attn-run: error: @ints: argument 0 has type tensor<4xi8>: unsupported element type (supported: f32, f16, bf16, i1, i32, i64, index)

// RUN: not attn-run %s --function f64_result 2>&1 | FileCheck %s --check-prefix=CHECK-F64
// CHECK-F64: attn-run: error: @f64_result: result 0 has type tensor<4xf64>: unsupported element type (supported: f32, f16, bf16, i1, i32, i64, index)

// RUN: not attn-run %s --function scalar 2>&1 | FileCheck %s --check-prefix=CHECK-SCALAR
// CHECK-SCALAR: attn-run: error: @scalar: argument 1 has type f64: unsupported scalar type (supported: f32, i1, i32, i64, index; or pass a tensor)

// RUN: not attn-run %s --function vector_arg 2>&1 | FileCheck %s --check-prefix=CHECK-VECTOR
// CHECK-VECTOR: attn-run: error: @vector_arg: argument 0 has type vector<4xf32>: only ranked tensors (or identity-layout memrefs) and scalars can be passed

// RUN: not attn-run %s --function scalar_result --input=i64=1 2>&1 | FileCheck %s --check-prefix=CHECK-SCALARRES
// CHECK-SCALARRES: attn-run: error: @scalar_result: result 0 has type i64: only ranked tensors (or identity-layout memrefs) can be passed here; use tensor<i64>

// RUN: not attn-run %s --function dynamic 2>&1 | FileCheck %s --check-prefix=CHECK-DYN
// CHECK-DYN: attn-run: error: @dynamic: argument 0 of type tensor<?x4xf32> has dynamic sizes: give its shape with --arg-shape 0=?x4 (each ? a size) or pass .npy inputs

// An inline splat is as large as its type says: checked against memory
// before anything is allocated.
// RUN: not attn-run %s --function dynamic --input=1000000000000x4xf32=0 2>&1 | FileCheck %s --check-prefix=CHECK-SPLATMEM
// CHECK-SPLATMEM: attn-run: error: @dynamic: the arguments and results need {{.*}} (the largest, input 0 1000000000000x4: {{.*}}), more than this machine's
// RUN: not attn-run %s --function dynamic --input=4611686018427387904x4xf32=0 2>&1 | FileCheck %s --check-prefix=CHECK-SPLATBIG
// CHECK-SPLATBIG: attn-run: error: @dynamic: input 0 (4611686018427387904x4): its size in bytes does not fit in 64 bits

// RUN: not attn-run %s --function dynamic --arg-shape 0=3x5 2>&1 | FileCheck %s --check-prefix=CHECK-ARGSHAPE
// CHECK-ARGSHAPE: attn-run: error: @dynamic: --arg-shape 0=3x5 does not match argument 0 of type tensor<?x4xf32>

// RUN: not attn-run %s --function dynamic --arg-shape 0=3x4 --arg-shape 4=2 2>&1 | FileCheck %s --check-prefix=CHECK-ARGINDEX
// CHECK-ARGINDEX: attn-run: error: @dynamic: --arg-shape 4=2: the function has only 1 arguments

// RUN: not attn-run %s --function dynamic --arg-shape 0:3x4 2>&1 | FileCheck %s --check-prefix=CHECK-ARGSYNTAX
// CHECK-ARGSYNTAX: attn-run: error: --arg-shape '0:3x4': expected INDEX=SHAPE, e.g. 1=2x8x77x64

// RUN: not attn-run %s --function upstream_only --check 2>&1 | FileCheck %s --check-prefix=CHECK-NOATTN
// CHECK-NOATTN: attn-run: error: --check: @upstream_only has no attn op and no contraction compiled by attn's matmul kernel, so there is no independent reference to compare it with

// RUN: not attn-run %s --function add --expected %t/a2x3.npy 2>&1 | FileCheck %s --check-prefix=CHECK-EXPSHAPE
// CHECK-EXPSHAPE: attn-run: error: expected result 0 ({{.*}}a2x3.npy): shape 2x3 does not match the result's 2x4

// RUN: not attn-run %s --function add --expected %t/a2x4.npy,%t/a2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-EXPCOUNT
// CHECK-EXPCOUNT: attn-run: error: @add has 1 results but 2 --expected files were given

// RUN: not attn-run %s --function add --expected %t/a2x4.npy --inputs %t/a2x4.npy,%t/a2x4.npy | FileCheck %s --check-prefix=CHECK-EXPFAIL
// CHECK-EXPFAIL: expected ({{.*}}a2x4.npy): result 0: {{.*}} FAIL

// RUN: not attn-run %s --function add --target-cpu not-a-cpu 2>&1 | FileCheck %s --check-prefix=CHECK-CPU
// CHECK-CPU: attn-run: error: unknown CPU 'not-a-cpu'

// RUN: not attn-run %s --function add --target-features +not-a-feature 2>&1 | FileCheck %s --check-prefix=CHECK-FEATURE
// CHECK-FEATURE: attn-run: error: unknown target feature '+not-a-feature'

// RUN: not attn-run %t/absent.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-NOMLIR
// CHECK-NOMLIR: attn-run: error: cannot open input file '{{.*}}absent.mlir'

// RUN: not attn-compile %s --function add -o %t/add.exe 2>&1 | FileCheck %s --check-prefix=CHECK-EXT
// CHECK-EXT: attn-compile: error: output {{.*}}add.exe: the extension must be .o, .so or .ll

// RUN: not attn-compile %s --function nope -o %t/x.o 2>&1 | FileCheck %s --check-prefix=CHECK-CMISSING
// CHECK-CMISSING: attn-compile: error: no function @nope

func.func @add(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %e = tensor.empty() : tensor<2x4xf32>
  %r = linalg.add ins(%a, %b : tensor<2x4xf32>, tensor<2x4xf32>)
      outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

func.func @ints(%a: tensor<4xi8>) -> tensor<4xi8> {
  return %a : tensor<4xi8>
}

func.func @scalar(%a: tensor<4xf32>, %s: f64) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}

func.func @vector_arg(%a: vector<4xf32>) -> vector<4xf32> {
  return %a : vector<4xf32>
}

func.func @scalar_result(%a: i64) -> i64 {
  return %a : i64
}

func.func @f64_result(%a: tensor<4xf32>) -> tensor<4xf64> {
  %e = tensor.empty() : tensor<4xf64>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>,
                                        affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%a : tensor<4xf32>) outs(%e : tensor<4xf64>) {
  ^bb0(%x: f32, %o: f64):
    %y = arith.extf %x : f32 to f64
    linalg.yield %y : f64
  } -> tensor<4xf64>
  return %r : tensor<4xf64>
}

func.func @dynamic(%a: tensor<?x4xf32>) -> tensor<?x4xf32> {
  return %a : tensor<?x4xf32>
}

func.func @upstream_only(%a: tensor<4xf32>) -> tensor<4xf32> {
  return %a : tensor<4xf32>
}
