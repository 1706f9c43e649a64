//===- AttnDialect.td - The attn dialect -------------------*- tablegen -*-===//
//
// The attn dialect: attention at the tensor level, with value semantics.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_ATTNDIALECT_TD
#define ATTN_DIALECT_ATTN_ATTNDIALECT_TD

include "mlir/IR/OpBase.td"

def Attn_Dialect : Dialect {
  let name = "attn";
  let cppNamespace = "::mlir::attn";
  let summary = "Transformer attention at the tensor level";
  let description = [{
    The `attn` dialect describes transformer attention as a few coarse,
    value-semantic ops on ranked tensors, so that attention-aware passes
    (weight sharing, raising attention out of linalg graphs, flash-style
    tiling; the pass reference lists them) see whole attention
    computations instead of chains of matmuls and softmaxes.

    * `attn.sdpa` is scaled dot-product attention over 4-D tensors
      (batch × heads × sequence × head_dim), with MHA, GQA and MQA head
      grouping, masks and causality.
    * `attn.mha` is a whole multi-head attention layer: the Q/K/V input
      projections, `attn.sdpa` and the output projection.
    * `attn.residual` is `y = x + F(x)` with `F` in a region, with an
      optional pre- or post-layer norm.
    * `attn.weight` / `attn.weight_ref` are named module-level weights and
      their uses; several uses of one symbol is weight sharing.

    Floating-point inputs may be `f32`, `f16` or `bf16`; every op
    accumulates in `f32`.
  }];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 0;
}

class Attn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Attn_Dialect, mnemonic, traits>;

#endif // ATTN_DIALECT_ATTN_ATTNDIALECT_TD
