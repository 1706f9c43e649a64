//===- AttnEnums.td - attn dialect enums -------------------*- tablegen -*-===//

#ifndef ATTN_DIALECT_ATTN_ATTNENUMS_TD
#define ATTN_DIALECT_ATTN_ATTNENUMS_TD

include "attn/Dialect/Attn/AttnDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

// Where `attn.residual` applies its layer norm.
def Attn_NormPlacement : I32EnumAttr<"NormPlacement",
    "placement of the layer norm around a residual block", [
      I32EnumAttrCase<"Pre", 0, "pre">,
      I32EnumAttrCase<"Post", 1, "post">
    ]> {
  let cppNamespace = "::mlir::attn";
  let genSpecializedAttr = 0;
}

def Attn_NormPlacementAttr : EnumAttr<Attn_Dialect, Attn_NormPlacement, "norm"> {
  let summary = "`pre` (x + F(LN(x))) or `post` (LN(x + F(x))) layer norm";
  let assemblyFormat = "`<` $value `>`";
}

#endif // ATTN_DIALECT_ATTN_ATTNENUMS_TD
