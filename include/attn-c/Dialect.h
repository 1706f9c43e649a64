/*===-- attn-c/Dialect.h - C API for the attn dialect -------------*- C -*-===*\
|*                                                                            *|
|* The attn dialect for C and for bindings in other languages: its dialect    *|
|* handle, predicates that tell attn ops apart, and typed accessors and       *|
|* builders for the attributes of attn.sdpa, attn.mha, attn.residual and the  *|
|* named weights. Everything else (operands, results, regions, printing) is   *|
|* MLIR's own C API, which libAttnCAPI carries (see docs/library.md).         *|
|*                                                                            *|
|* An accessor named attn<Op>OpX takes an operation for which attnOpIs<Op>    *|
|* holds; passing another op is undefined behaviour, as with a C++ cast<>.    *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef ATTN_C_DIALECT_H
#define ATTN_C_DIALECT_H

#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// mlirGetDialectHandle__attn__(): inserts or loads the attn dialect alone.
/// attnRegisterDialects (attn-c/Init.h) also registers the upstream dialects
/// attn's pipelines produce.
MLIR_DECLARE_CAPI_DIALECT_REGISTRATION(Attn, attn);

//===----------------------------------------------------------------------===//
// Which attn op
//===----------------------------------------------------------------------===//

MLIR_CAPI_EXPORTED bool attnOpIsSdpa(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnOpIsMha(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnOpIsResidual(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnOpIsWeight(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnOpIsWeightRef(MlirOperation op);

//===----------------------------------------------------------------------===//
// Attribute builders
//===----------------------------------------------------------------------===//

/// The `scale` attribute of attn.sdpa and attn.mha: an f32 FloatAttr.
MLIR_CAPI_EXPORTED MlirAttribute attnScaleAttrGet(MlirContext ctx, float scale);

/// The `causal_offset` attribute of attn.sdpa and attn.mha: an i64
/// IntegerAttr.
MLIR_CAPI_EXPORTED MlirAttribute attnCausalOffsetAttrGet(MlirContext ctx,
                                                         int64_t offset);

/// Where attn.residual applies its layer norm (#attn.norm<pre|post>).
typedef enum AttnNormPlacement {
  AttnNormPlacementNone = -1, ///< No `norm` attribute: y = x + F(x).
  AttnNormPlacementPre = 0,   ///< y = x + F(LN(x)).
  AttnNormPlacementPost = 1,  ///< y = LN(x + F(x)).
} AttnNormPlacement;

/// #attn.norm<pre> or #attn.norm<post>; `placement` must not be None.
MLIR_CAPI_EXPORTED MlirAttribute
attnNormPlacementAttrGet(MlirContext ctx, AttnNormPlacement placement);
MLIR_CAPI_EXPORTED bool attnAttributeIsANormPlacement(MlirAttribute attr);
MLIR_CAPI_EXPORTED AttnNormPlacement
attnNormPlacementAttrGetValue(MlirAttribute attr);

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

/// Creates a detached attn.sdpa (insert it with mlirBlockInsertOwnedOperation*
/// and check it with mlirOperationVerify). `mask`, `scale` (attnScaleAttrGet)
/// and `causalOffset` (attnCausalOffsetAttrGet) may be null for "absent".
/// Returns a null operation if `scale` or `causalOffset` has the wrong kind.
MLIR_CAPI_EXPORTED MlirOperation
attnSdpaOpCreate(MlirLocation loc, MlirType resultType, MlirValue query,
                 MlirValue key, MlirValue value, MlirValue mask,
                 MlirAttribute scale, bool causal, MlirAttribute causalOffset);

/// The mask operand, or a null value without one.
MLIR_CAPI_EXPORTED MlirValue attnSdpaOpGetMask(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnSdpaOpHasScale(MlirOperation op);
/// The `scale` attribute; 0 when absent (see attnSdpaOpGetEffectiveScale).
MLIR_CAPI_EXPORTED float attnSdpaOpGetScale(MlirOperation op);
/// The scale applied: the attribute, or 1/sqrt(D) without one (NaN when D
/// is dynamic).
MLIR_CAPI_EXPORTED double attnSdpaOpGetEffectiveScale(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnSdpaOpHasCausal(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnSdpaOpHasCausalOffset(MlirOperation op);
/// The `causal_offset` attribute; 0 when absent (the op then means
/// Skv - Sq, bottom-right alignment).
MLIR_CAPI_EXPORTED int64_t attnSdpaOpGetCausalOffset(MlirOperation op);

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

MLIR_CAPI_EXPORTED int64_t attnMhaOpGetNumHeads(MlirOperation op);
MLIR_CAPI_EXPORTED int64_t attnMhaOpGetNumKvHeads(MlirOperation op);
MLIR_CAPI_EXPORTED int64_t attnMhaOpGetHeadDim(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnMhaOpHasName(MlirOperation op);
/// The layer's `name`; empty when absent. Owned by the context.
MLIR_CAPI_EXPORTED MlirStringRef attnMhaOpGetName(MlirOperation op);
/// True when keys and values come from a separate `kv` input.
MLIR_CAPI_EXPORTED bool attnMhaOpIsCrossAttention(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnMhaOpHasScale(MlirOperation op);
/// The `scale` attribute; 0 when absent (then 1/sqrt(head_dim)).
MLIR_CAPI_EXPORTED float attnMhaOpGetScale(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnMhaOpHasCausal(MlirOperation op);
MLIR_CAPI_EXPORTED bool attnMhaOpHasCausalOffset(MlirOperation op);
/// The `causal_offset` attribute; 0 when absent.
MLIR_CAPI_EXPORTED int64_t attnMhaOpGetCausalOffset(MlirOperation op);

//===----------------------------------------------------------------------===//
// attn.residual, attn.weight, attn.weight_ref
//===----------------------------------------------------------------------===//

MLIR_CAPI_EXPORTED AttnNormPlacement
attnResidualOpGetNormPlacement(MlirOperation op);
MLIR_CAPI_EXPORTED float attnResidualOpGetEpsilon(MlirOperation op);

/// The weight's symbol name. Owned by the context.
MLIR_CAPI_EXPORTED MlirStringRef attnWeightOpGetSymName(MlirOperation op);
/// The weight's elements attribute.
MLIR_CAPI_EXPORTED MlirAttribute attnWeightOpGetValue(MlirOperation op);

/// The name of the attn.weight referenced. Owned by the context.
MLIR_CAPI_EXPORTED MlirStringRef attnWeightRefOpGetWeight(MlirOperation op);

#ifdef __cplusplus
}
#endif

#endif // ATTN_C_DIALECT_H
