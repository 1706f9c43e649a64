// attn-decompose-online-attention: one online-softmax step in linalg.
// RUN: attn-opt %s --attn-decompose-online-attention | FileCheck %s

// CHECK-LABEL: func.func @step
// Scores q·kᵀ in f32 (f16 inputs widened).
// CHECK: %[[S:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "reduction"]{{.*}} ins(%{{.*}}, %{{.*}} : tensor<8x32xf16>, tensor<16x32xf16>) outs(%{{.*}} : tensor<8x16xf32>)
// CHECK:   arith.extf
// Scale, keep-mask, causal shift → −inf.
// CHECK: %[[MS:.*]] = linalg.generic {{.*}} ins(%[[S]], %{{.*}} : tensor<8x16xf32>, tensor<8x16xi1>)
// CHECK:   arith.mulf
// CHECK:   arith.select
// CHECK:   linalg.index 0
// CHECK:   linalg.index 1
// CHECK:   arith.cmpi sgt
// New row max from the old one.
// CHECK: %[[MX:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[MS]] : tensor<8x16xf32>) outs(%{{.*}} : tensor<8xf32>)
// CHECK:   arith.maximumf
// p = exp(s − ref), with ref = 0 for a row that saw no key.
// CHECK: %[[P:.*]] = linalg.generic {{.*}} ins(%[[MS]], %[[MX]] : tensor<8x16xf32>, tensor<8xf32>)
// CHECK:   arith.cmpf oeq
// CHECK:   math.exp
// Rescaled sum and accumulator, then the new sum and acc' = α·acc + p·v.
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[MX]], %{{.*}} : tensor<8xf32>, tensor<8xf32>, tensor<8xf32>)
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[MX]], %{{.*}} : tensor<8xf32>, tensor<8xf32>, tensor<8x24xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[P]] : tensor<8x16xf32>)
// CHECK: linalg.generic {{.*}} ins(%[[P]], %{{.*}} : tensor<8x16xf32>, tensor<16x24xf16>)
// CHECK-NOT: attn.online_attention
func.func @step(%q: tensor<8x32xf16>, %k: tensor<16x32xf16>, %v: tensor<16x24xf16>,
                %mask: tensor<8x16xi1>, %acc: tensor<8x24xf32>, %m: tensor<8xf32>,
                %l: tensor<8xf32>, %shift: index)
    -> (tensor<8x24xf32>, tensor<8xf32>, tensor<8xf32>) {
  %a, %mx, %s = attn.online_attention %q, %k, %v mask(%mask : tensor<8x16xi1>) into(%acc, %m, %l)
      causal_shift(%shift) scale = 0.5
      : tensor<8x32xf16>, tensor<16x32xf16>, tensor<16x24xf16> -> tensor<8x24xf32>, tensor<8xf32>, tensor<8xf32>
  return %a, %mx, %s : tensor<8x24xf32>, tensor<8xf32>, tensor<8xf32>
}
