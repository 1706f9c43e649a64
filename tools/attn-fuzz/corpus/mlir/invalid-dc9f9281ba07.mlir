func.func @sdpa_f64(%q: tensor<1x8x128x64xf64>) -> tensor<1x8x128x64xf64> {
  %o = attn.sdpa %q, %q, %q : tensor<1x8x128x64xf64>, tensor<1x8x128x64xf64>, tensor<1x8x128x64xf64> -> tensor<1x8x128x64xf64>
  return %o : tensor<1x8x128x64xf64>
}
