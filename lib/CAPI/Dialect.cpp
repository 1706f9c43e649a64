//===- Dialect.cpp - C API for the attn dialect ---------------------------===//

#include "attn-c/Dialect.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/CAPI/IR.h"
#include "mlir/CAPI/Registration.h"
#include "mlir/CAPI/Support.h"
#include "mlir/IR/Builders.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::attn;

MLIR_DEFINE_CAPI_DIALECT_REGISTRATION(Attn, attn, mlir::attn::AttnDialect)

//===----------------------------------------------------------------------===//
// Which attn op
//===----------------------------------------------------------------------===//

bool attnOpIsSdpa(MlirOperation op) { return isa<SdpaOp>(unwrap(op)); }
bool attnOpIsMha(MlirOperation op) { return isa<MhaOp>(unwrap(op)); }
bool attnOpIsResidual(MlirOperation op) { return isa<ResidualOp>(unwrap(op)); }
bool attnOpIsWeight(MlirOperation op) { return isa<WeightOp>(unwrap(op)); }
bool attnOpIsWeightRef(MlirOperation op) {
  return isa<WeightRefOp>(unwrap(op));
}

//===----------------------------------------------------------------------===//
// Attribute builders
//===----------------------------------------------------------------------===//

MlirAttribute attnScaleAttrGet(MlirContext ctx, float scale) {
  return wrap(Builder(unwrap(ctx)).getF32FloatAttr(scale));
}

MlirAttribute attnCausalOffsetAttrGet(MlirContext ctx, int64_t offset) {
  return wrap(Builder(unwrap(ctx)).getI64IntegerAttr(offset));
}

MlirAttribute attnNormPlacementAttrGet(MlirContext ctx,
                                       AttnNormPlacement placement) {
  NormPlacement value = placement == AttnNormPlacementPost ? NormPlacement::Post
                                                           : NormPlacement::Pre;
  return wrap(NormPlacementAttr::get(unwrap(ctx), value));
}

bool attnAttributeIsANormPlacement(MlirAttribute attr) {
  return isa<NormPlacementAttr>(unwrap(attr));
}

static AttnNormPlacement wrapPlacement(NormPlacementAttr attr) {
  if (!attr)
    return AttnNormPlacementNone;
  return attr.getValue() == NormPlacement::Post ? AttnNormPlacementPost
                                                : AttnNormPlacementPre;
}

AttnNormPlacement attnNormPlacementAttrGetValue(MlirAttribute attr) {
  return wrapPlacement(cast<NormPlacementAttr>(unwrap(attr)));
}

/// The attribute's value, 0 when absent.
static float scaleValue(FloatAttr scale) {
  return scale ? scale.getValue().convertToFloat() : 0.0f;
}

/// The attribute's value, 0 when absent. Not getCausalOffset(): I64Attr's
/// generated accessor is unsigned and an offset may be negative.
static int64_t offsetValue(IntegerAttr offset) {
  return offset ? offset.getInt() : 0;
}

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

MlirOperation attnSdpaOpCreate(MlirLocation loc, MlirType resultType,
                               MlirValue query, MlirValue key, MlirValue value,
                               MlirValue mask, MlirAttribute scale, bool causal,
                               MlirAttribute causalOffset) {
  auto scaleAttr = dyn_cast_or_null<FloatAttr>(unwrap(scale));
  auto offsetAttr = dyn_cast_or_null<IntegerAttr>(unwrap(causalOffset));
  if ((!mlirAttributeIsNull(scale) && !scaleAttr) ||
      (!mlirAttributeIsNull(causalOffset) && !offsetAttr))
    return MlirOperation{nullptr};
  // No insertion point: the op is created detached, as mlirOperationCreate
  // does, and the caller inserts it.
  OpBuilder b(unwrap(loc)->getContext());
  auto op = SdpaOp::create(b, unwrap(loc), unwrap(resultType), unwrap(query),
                           unwrap(key), unwrap(value), unwrap(mask), scaleAttr,
                           causal, offsetAttr);
  return wrap(op.getOperation());
}

MlirValue attnSdpaOpGetMask(MlirOperation op) {
  return wrap(cast<SdpaOp>(unwrap(op)).getMask());
}

bool attnSdpaOpHasScale(MlirOperation op) {
  return static_cast<bool>(cast<SdpaOp>(unwrap(op)).getScaleAttr());
}

float attnSdpaOpGetScale(MlirOperation op) {
  return scaleValue(cast<SdpaOp>(unwrap(op)).getScaleAttr());
}

double attnSdpaOpGetEffectiveScale(MlirOperation op) {
  auto sdpa = cast<SdpaOp>(unwrap(op));
  if (!sdpa.getScaleAttr() &&
      sdpa.getQuery().getType().isDynamicDim(sdpa_dim::kFeature))
    return std::numeric_limits<double>::quiet_NaN();
  return sdpa.getEffectiveScale();
}

bool attnSdpaOpHasCausal(MlirOperation op) {
  return cast<SdpaOp>(unwrap(op)).getCausal();
}

bool attnSdpaOpHasCausalOffset(MlirOperation op) {
  return static_cast<bool>(cast<SdpaOp>(unwrap(op)).getCausalOffsetAttr());
}

int64_t attnSdpaOpGetCausalOffset(MlirOperation op) {
  return offsetValue(cast<SdpaOp>(unwrap(op)).getCausalOffsetAttr());
}

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

int64_t attnMhaOpGetNumHeads(MlirOperation op) {
  return cast<MhaOp>(unwrap(op)).getNumHeads();
}

int64_t attnMhaOpGetNumKvHeads(MlirOperation op) {
  return cast<MhaOp>(unwrap(op)).getNumKvHeads();
}

int64_t attnMhaOpGetHeadDim(MlirOperation op) {
  return cast<MhaOp>(unwrap(op)).getHeadDim();
}

bool attnMhaOpHasName(MlirOperation op) {
  return static_cast<bool>(cast<MhaOp>(unwrap(op)).getNameAttr());
}

MlirStringRef attnMhaOpGetName(MlirOperation op) {
  return wrap(cast<MhaOp>(unwrap(op)).getName().value_or(StringRef()));
}

bool attnMhaOpIsCrossAttention(MlirOperation op) {
  return cast<MhaOp>(unwrap(op)).isCrossAttention();
}

bool attnMhaOpHasScale(MlirOperation op) {
  return static_cast<bool>(cast<MhaOp>(unwrap(op)).getScaleAttr());
}

float attnMhaOpGetScale(MlirOperation op) {
  return scaleValue(cast<MhaOp>(unwrap(op)).getScaleAttr());
}

bool attnMhaOpHasCausal(MlirOperation op) {
  return cast<MhaOp>(unwrap(op)).getCausal();
}

bool attnMhaOpHasCausalOffset(MlirOperation op) {
  return static_cast<bool>(cast<MhaOp>(unwrap(op)).getCausalOffsetAttr());
}

int64_t attnMhaOpGetCausalOffset(MlirOperation op) {
  return offsetValue(cast<MhaOp>(unwrap(op)).getCausalOffsetAttr());
}

//===----------------------------------------------------------------------===//
// attn.residual, attn.weight, attn.weight_ref
//===----------------------------------------------------------------------===//

AttnNormPlacement attnResidualOpGetNormPlacement(MlirOperation op) {
  return wrapPlacement(cast<ResidualOp>(unwrap(op)).getNormAttr());
}

float attnResidualOpGetEpsilon(MlirOperation op) {
  return cast<ResidualOp>(unwrap(op)).getEpsilon().convertToFloat();
}

MlirStringRef attnWeightOpGetSymName(MlirOperation op) {
  return wrap(cast<WeightOp>(unwrap(op)).getSymName());
}

MlirAttribute attnWeightOpGetValue(MlirOperation op) {
  return wrap(cast<WeightOp>(unwrap(op)).getValue());
}

MlirStringRef attnWeightRefOpGetWeight(MlirOperation op) {
  return wrap(cast<WeightRefOp>(unwrap(op)).getWeight());
}
