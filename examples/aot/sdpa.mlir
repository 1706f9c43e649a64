// Causal grouped-query attention (8 query heads reading 2 key/value heads),
// the function examples/aot/main.c calls after attn-compile has turned it
// into an object file or shared library (see docs/running.md).
func.func @sdpa(%q: tensor<1x8x16x32xf32>, %k: tensor<1x2x16x32xf32>,
                %v: tensor<1x2x16x32xf32>) -> tensor<1x8x16x32xf32> {
  %o = attn.sdpa %q, %k, %v causal
      : tensor<1x8x16x32xf32>, tensor<1x2x16x32xf32>, tensor<1x2x16x32xf32>
      -> tensor<1x8x16x32xf32>
  return %o : tensor<1x8x16x32xf32>
}
