// attn-approximate-math: f32 math ops (scalars and vectors) become
// polynomials in arith/math.fma that vectorize; f16 goes through f32; other
// types are left alone.
// RUN: attn-opt %s --attn-approximate-math -split-input-file | FileCheck %s

// exp: range reduction, a polynomial (math.fma) and the exponent inserted
// through its bits, all on the vector.
// CHECK-LABEL: func.func @exp_vector
// CHECK-NOT: math.exp
// CHECK: math.floor %{{.*}} : vector<16xf32>
// CHECK: math.fma {{.*}} : vector<16xf32>
// CHECK: arith.shli {{.*}} : vector<16xi32>
// CHECK: arith.bitcast {{.*}} : vector<16xi32> to vector<16xf32>
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp_vector(%x: vector<16xf32>) -> vector<16xf32> {
  %e = math.exp %x : vector<16xf32>
  return %e : vector<16xf32>
}

// -----

// CHECK-LABEL: func.func @exp_scalar
// CHECK-NOT: math.exp
// CHECK: math.fma {{.*}} : f32
// CHECK-NOT: math.exp
// CHECK: return
func.func @exp_scalar(%x: f32) -> f32 {
  %e = math.exp %x : f32
  return %e : f32
}

// -----

// tanh and erf are approximated too.
// CHECK-LABEL: func.func @tanh_erf
// CHECK-NOT: math.{{tanh|erf}}
// CHECK: math.fma {{.*}} : vector<8xf32>
// CHECK-NOT: math.{{tanh|erf}}
// CHECK: return
func.func @tanh_erf(%x: vector<8xf32>) -> (vector<8xf32>, vector<8xf32>) {
  %t = math.tanh %x : vector<8xf32>
  %e = math.erf %x : vector<8xf32>
  return %t, %e : vector<8xf32>, vector<8xf32>
}

// -----

// f16 is widened to f32, approximated, and narrowed back.
// CHECK-LABEL: func.func @exp_f16
// CHECK: arith.extf %{{.*}} : vector<8xf16> to vector<8xf32>
// CHECK-NOT: math.exp
// CHECK: arith.truncf %{{.*}} : vector<8xf32> to vector<8xf16>
// CHECK: return
func.func @exp_f16(%x: vector<8xf16>) -> vector<8xf16> {
  %e = math.exp %x : vector<8xf16>
  return %e : vector<8xf16>
}

// -----

// f64 has no approximation here: left alone.
// CHECK-LABEL: func.func @exp_f64
// CHECK: math.exp %{{.*}} : f64
func.func @exp_f64(%x: f64) -> f64 {
  %e = math.exp %x : f64
  return %e : f64
}
