// attn-lower-weights: each attn.weight → one private constant memref.global
// (alignment 64) of the same name and value; each attn.weight_ref →
// memref.get_global + bufferization.to_tensor restrict.
// RUN: attn-opt %s -split-input-file --attn-lower-weights | FileCheck %s

// A weight shared by two refs in two functions is still one global.
// CHECK-NOT:   attn.weight
// CHECK:       memref.global "private" constant @enc.wq : memref<16x16xf32> = dense<5.000000e-01> {alignment = 64 : i64}
// CHECK:       memref.global "private" constant @half : memref<4xf16> = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> {alignment = 64 : i64}
// CHECK-NOT:   memref.global
// CHECK-LABEL: func.func @shared
// CHECK:       %[[G0:.+]] = memref.get_global @enc.wq : memref<16x16xf32>
// CHECK:       %[[T0:.+]] = bufferization.to_tensor %[[G0]] restrict : memref<16x16xf32> to tensor<16x16xf32>
// CHECK:       %[[G1:.+]] = memref.get_global @enc.wq : memref<16x16xf32>
// CHECK:       %[[T1:.+]] = bufferization.to_tensor %[[G1]] restrict : memref<16x16xf32> to tensor<16x16xf32>
// CHECK:       return %[[T0]], %[[T1]]
// CHECK-LABEL: func.func @other_user
// CHECK:       memref.get_global @enc.wq
// CHECK-LABEL: func.func @f16
// CHECK:       %[[G:.+]] = memref.get_global @half : memref<4xf16>
// CHECK:       bufferization.to_tensor %[[G]] restrict : memref<4xf16> to tensor<4xf16>
attn.weight @enc.wq = dense<0.5> : tensor<16x16xf32>
attn.weight @half = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf16>
func.func @shared() -> (tensor<16x16xf32>, tensor<16x16xf32>) {
  %a = attn.weight_ref @enc.wq : tensor<16x16xf32>
  %b = attn.weight_ref @enc.wq : tensor<16x16xf32>
  return %a, %b : tensor<16x16xf32>, tensor<16x16xf32>
}
func.func @other_user() -> tensor<16x16xf32> {
  %a = attn.weight_ref @enc.wq : tensor<16x16xf32>
  return %a : tensor<16x16xf32>
}
func.func @f16() -> tensor<4xf16> {
  %h = attn.weight_ref @half : tensor<4xf16>
  return %h : tensor<4xf16>
}

// -----

// dense_resource blobs keep their handle: the global refers to the same blob.
// CHECK:       memref.global "private" constant @blob : memref<2xbf16> = dense_resource<w0> {alignment = 64 : i64}
// CHECK-LABEL: func.func @resource
// CHECK:       memref.get_global @blob : memref<2xbf16>
// CHECK:       dialect_resources
// CHECK:       w0: "0x020000000040803F"
attn.weight @blob = dense_resource<w0> : tensor<2xbf16>
func.func @resource() -> tensor<2xbf16> {
  %w = attn.weight_ref @blob : tensor<2xbf16>
  return %w : tensor<2xbf16>
}
{-#
  dialect_resources: {
    builtin: {
      w0: "0x020000000040803F"
    }
  }
#-}

// -----

// Left alone: upstream globals, constants and attn ops other than weights.
// CHECK:       memref.global "private" constant @table : memref<2xf32> = dense<[1.000000e+00, 2.000000e+00]>
// CHECK-NOT:   alignment
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT:  %[[C:.+]] = arith.constant dense<1.000000e+00> : tensor<1x1x2x2xf32>
// CHECK-NEXT:  %[[G:.+]] = memref.get_global @table : memref<2xf32>
// CHECK-NEXT:  %[[O:.+]] = attn.sdpa %[[C]], %[[C]], %[[C]] :
// CHECK-NEXT:  return %[[O]], %[[G]]
memref.global "private" constant @table : memref<2xf32> = dense<[1.0, 2.0]>
func.func @untouched() -> (tensor<1x1x2x2xf32>, memref<2xf32>) {
  %c = arith.constant dense<1.0> : tensor<1x1x2x2xf32>
  %g = memref.get_global @table : memref<2xf32>
  %o = attn.sdpa %c, %c, %c : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32> -> tensor<1x1x2x2xf32>
  return %o, %g : tensor<1x1x2x2xf32>, memref<2xf32>
}
