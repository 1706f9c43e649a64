// Inputs a user will try by mistake: each gives a clear error naming the
// file, argument or option at fault, and a non-zero exit, never a crash or
// a silent result (issue 16; docs/robustness.md).

// RUN: rm -rf %t && mkdir -p %t
// RUN: python3 %S/Inputs/npy.py %t/q.npy '<f4' 1x2x5x16 sin:1:0.7:0
// RUN: python3 %S/Inputs/npy.py %t/k7.npy '<f4' 1x2x7x16 sin:1:0.3:1
// RUN: python3 %S/Inputs/npy.py %t/x2x4.npy '<f4' 2x4 ramp:0:1
// RUN: python3 %S/Inputs/bad_npy.py short-data %t/short-data.npy
// RUN: python3 %S/Inputs/bad_npy.py u1-mask %t/u1-mask.npy
// RUN: python3 %S/Inputs/bad_npy.py empty %t/empty.npy
// RUN: python3 %S/Inputs/bad_npy.py short-header %t/short-header.npy

// Missing, empty and foreign .mlir files.
// RUN: not attn-opt %t/absent.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-ABSENT
// CHECK-ABSENT: cannot open input file '{{.*}}absent.mlir'
// RUN: touch %t/empty.mlir
// RUN: not attn-run %t/empty.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-EMPTY
// RUN: not attn-compile %t/empty.mlir -o %t/empty.o 2>&1 | FileCheck %s --check-prefix=CHECK-EMPTY
// CHECK-EMPTY: error: {{.*}}empty.mlir is empty: expected a module with a func.func
// RUN: echo '"foo.bar"() : () -> ()' > %t/other.mlir
// RUN: not attn-run %t/other.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-OTHER
// CHECK-OTHER: other.mlir:1:10: error: operation being parsed with an unregistered dialect
// CHECK-OTHER: attn-run: error: cannot parse {{.*}}other.mlir
// RUN: not attn-run %t/x2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-NPYASMLIR
// CHECK-NPYASMLIR: attn-run: error: cannot parse {{.*}}x2x4.npy

// Truncated and lying .npy files.
// RUN: not attn-run %s --function add --inputs %t/short-data.npy,%t/x2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-SHORTDATA
// CHECK-SHORTDATA: attn-run: error: @add: cannot read input 0 ({{.*}}short-data.npy): {{.*}}short-data.npy: truncated data: <f4 array of shape (2, 4) needs 32 bytes, file has 28
// RUN: not attn-run %s --function add --inputs %t/empty.npy,%t/x2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-EMPTYNPY
// CHECK-EMPTYNPY: attn-run: error: @add: cannot read input 0 ({{.*}}empty.npy): {{.*}}empty.npy: not a .npy file (bad magic string)
// RUN: not attn-run %s --function add --inputs %t/short-header.npy,%t/x2x4.npy 2>&1 | FileCheck %s --check-prefix=CHECK-SHORTHEADER
// CHECK-SHORTHEADER: attn-run: error: @add: cannot read input 0 ({{.*}}short-header.npy): {{.*}}short-header.npy: truncated header: needs 1000 bytes, file has 8
// RUN: not attn-run %s --function masked --inputs %t/q.npy,%t/k7.npy,%t/k7.npy,%t/u1-mask.npy 2>&1 | FileCheck %s --check-prefix=CHECK-U1
// CHECK-U1: attn-run: error: @masked: input 3 ({{.*}}u1-mask.npy): element 2 is 2, but a boolean (i1) argument holds only 0 and 1

// .npy shapes that do not fit the function, alone and with --arg-shape.
// RUN: not attn-run %s --function masked --inputs %t/q.npy,%t/k7.npy,%t/q.npy,%t/u1-mask.npy 2>&1 | FileCheck %s --check-prefix=CHECK-NPYSHAPE
// CHECK-NPYSHAPE: attn-run: error: @masked: input 2 ({{.*}}q.npy): shape 1x2x5x16 does not match argument 2 of type tensor<1x2x7x16xf32> (1x2x7x16)
// RUN: not attn-run %s --function dynamic --inputs %t/q.npy,%t/k7.npy,%t/k7.npy --arg-shape 1=1x2x9x16 2>&1 | FileCheck %s --check-prefix=CHECK-NPYARGSHAPE
// CHECK-NPYARGSHAPE: attn-run: error: @dynamic: input 1 ({{.*}}k7.npy): shape 1x2x7x16 differs from --arg-shape 1=1x2x9x16
// RUN: not attn-run %s --function dynamic --inputs %t/q.npy,%t/k7.npy,%t/k7.npy --arg-shape 5=1x2x9x16 2>&1 | FileCheck %s --check-prefix=CHECK-ARGSHAPEINDEX
// CHECK-ARGSHAPEINDEX: attn-run: error: @dynamic: --arg-shape 5=1x2x9x16: the function has only 3 arguments

// Absurd sizes are refused before anything is compiled or allocated, with
// the size they need; sizes whose product overflows 64 bits are refused
// rather than wrapped to a small buffer.
// RUN: not attn-run %s --function huge 2>&1 | FileCheck %s --check-prefix=CHECK-HUGE
// CHECK-HUGE: attn-run: error: @huge: the arguments and results need 2 TiB (the largest, argument 0 1x1x2147483648x64: 512 GiB), more than this machine's {{.*}} of memory; check the shapes
// RUN: not attn-run %s --function dynamic --arg-shape 0=1x2x5x16 --arg-shape 1=1x2x2147483648x16 --arg-shape 2=1x2x2147483648x16 2>&1 | FileCheck %s --check-prefix=CHECK-HUGEARG
// CHECK-HUGEARG: attn-run: error: @dynamic: the arguments and results need 512.0 GiB (the largest, argument 1 1x2x2147483648x16: 256 GiB), more than
// RUN: not attn-run %s --function dynamic --arg-shape 0=1x2x5x16 --arg-shape 1=4294967296x4294967296x2x16 --arg-shape 2=1x2x7x16 2>&1 | FileCheck %s --check-prefix=CHECK-OVFARG
// CHECK-OVFARG: attn-run: error: @dynamic: argument 1 (4294967296x4294967296x2x16): its size in bytes does not fit in 64 bits
// RUN: not attn-compile %s --function overflow -o %t/overflow.o 2>&1 | FileCheck %s --check-prefix=CHECK-OVF
// CHECK-OVF: bad-inputs.mlir:{{[0-9]+}}:1: error: the argument type 'tensor<4294967296x4294967296x4xf32>' has more bytes than 64-bit sizes can address
// CHECK-OVF: attn-compile: error: lowering @overflow through attn-cpu-pipeline failed

// Negative tile sizes and unknown options.
// RUN: not attn-run %s --function masked --pipeline-options query-block=-4 2>&1 | FileCheck %s --check-prefix=CHECK-NEGBLOCK
// CHECK-NEGBLOCK: error: attn-tile: query-block=-4 is negative (give a positive size, or 0 to choose it from the target)
// CHECK-NEGBLOCK: attn-run: error: lowering @masked through attn-cpu-pipeline failed
// RUN: not attn-opt %s --attn-tile=kv-splits=-1 2>&1 | FileCheck %s --check-prefix=CHECK-NEGSPLITS
// CHECK-NEGSPLITS: error: attn-tile: kv-splits=-1 is negative
// RUN: not attn-opt %s --attn-tile --attn-vectorize-online-attention=lanes=4096 2>&1 | FileCheck %s --check-prefix=CHECK-LANES
// RUN: not attn-opt %s --attn-tile --attn-vectorize-online-attention=vector-lanes=4096 2>&1 | FileCheck %s --check-prefix=CHECK-LANES
// CHECK-LANES: error: attn-vectorize-online-attention: vector-lanes=4096 row-group=6 vectors-per-row=4 is too large (at most vector-lanes=64, row-group=64 and vectors-per-row=64)
// RUN: not attn-run %s --function add --pipeline-options 'tile=false no-such-option=3' 2>&1 | FileCheck %s --check-prefix=CHECK-UNKNOWN
// CHECK-UNKNOWN: no such option no-such-option
// CHECK-UNKNOWN: attn-run: error: bad --pipeline-options 'tile=false no-such-option=3'
// RUN: not attn-opt %s --attn-tile=block=4 2>&1 | FileCheck %s --check-prefix=CHECK-UNKNOWNPASSOPT
// CHECK-UNKNOWNPASSOPT: no such option block

// References to weights that do not exist.
// RUN: not attn-run %S/Inputs/missing-weight-symbol.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-NOWEIGHT
// CHECK-NOWEIGHT: missing-weight-symbol.mlir:{{[0-9]+}}:{{[0-9]+}}: error: 'attn.weight_ref' op no attn.weight named @absent
// RUN: not attn-run %S/Inputs/missing-weight-blob.mlir 2>&1 | FileCheck %s --check-prefix=CHECK-NOBLOB
// CHECK-NOBLOB: missing-weight-blob.mlir:{{[0-9]+}}:1: error: resource does not exist

func.func @overflow(%a: tensor<4294967296x4294967296x4xf32>) -> tensor<4294967296x4294967296x4xf32> {
  return %a : tensor<4294967296x4294967296x4xf32>
}

func.func @add(%a: tensor<2x4xf32>, %b: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %e = tensor.empty() : tensor<2x4xf32>
  %r = linalg.add ins(%a, %b : tensor<2x4xf32>, tensor<2x4xf32>)
      outs(%e : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

func.func @masked(%q: tensor<1x2x5x16xf32>, %k: tensor<1x2x7x16xf32>,
                  %v: tensor<1x2x7x16xf32>, %m: tensor<1x1x1x7xi1>) -> tensor<1x2x5x16xf32> {
  %o = attn.sdpa %q, %k, %v mask(%m : tensor<1x1x1x7xi1>) : tensor<1x2x5x16xf32>, tensor<1x2x7x16xf32>, tensor<1x2x7x16xf32> -> tensor<1x2x5x16xf32>
  return %o : tensor<1x2x5x16xf32>
}

func.func @dynamic(%q: tensor<1x2x?x16xf32>, %k: tensor<?x2x?x16xf32>,
                   %v: tensor<1x2x?x16xf32>) -> tensor<1x2x?x16xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x2x?x16xf32>, tensor<?x2x?x16xf32>, tensor<1x2x?x16xf32> -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

func.func @huge(%q: tensor<1x1x2147483648x64xf32>, %k: tensor<1x1x2147483648x64xf32>,
                %v: tensor<1x1x2147483648x64xf32>) -> tensor<1x1x2147483648x64xf32> {
  %o = attn.sdpa %q, %k, %v : tensor<1x1x2147483648x64xf32>, tensor<1x1x2147483648x64xf32>, tensor<1x1x2147483648x64xf32> -> tensor<1x1x2147483648x64xf32>
  return %o : tensor<1x1x2147483648x64xf32>
}
