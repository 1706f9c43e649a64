//===- AttnVerify.cpp - checks shared by the attn op verifiers ------------===//

#include "AttnVerify.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;

namespace mlir::attn::detail {

bool isSupportedFloat(Type t) { return t.isF32() || t.isF16() || t.isBF16(); }

/// Two sizes agree unless both are and differ.
bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

std::string sizeStr(int64_t s) {
  return ShapedType::isDynamic(s) ? "?" : std::to_string(s);
}

std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string r;
  for (auto [i, s] : llvm::enumerate(shape))
    r += (i ? "x" : "") + sizeStr(s);
  return r;
}

/// Checks that `name` has rank `rank` and a supported element type.
LogicalResult verifyFloatTensor(Operation *op, StringRef name,
                                RankedTensorType type, int64_t rank,
                                StringRef layout) {
  if (type.getRank() != rank)
    return op->emitOpError() << name << " must have rank " << rank << " ("
                             << layout << "), got rank " << type.getRank();
  if (!isSupportedFloat(type.getElementType()))
    return op->emitOpError()
           << name << " element type must be f32, f16 or bf16, got "
           << type.getElementType();
  return success();
}

/// Checks that `type` has element type `expected`; `name` and `refName`
/// name the two operands in the message.
LogicalResult verifySameElementType(Operation *op, StringRef name,
                                    RankedTensorType type, StringRef refName,
                                    Type expected) {
  if (type.getElementType() != expected)
    return op->emitOpError()
           << name << " element type " << type.getElementType()
           << " differs from " << refName << " element type " << expected;
  return success();
}

/// Checks `dim` of `name` against `expected` (what `what` must equal).
LogicalResult verifyDim(Operation *op, StringRef name, RankedTensorType type,
                        unsigned dim, int64_t expected, StringRef what) {
  int64_t actual = type.getDimSize(dim);
  if (!compatible(actual, expected))
    return op->emitOpError()
           << name << " dim " << dim << " (" << actual << ") must equal "
           << what << " (" << expected << ")";
  return success();
}

/// The mask rules shared by attn.sdpa and attn.mha: rank <= 4, broadcastable
/// (NumPy, right-aligned) to B×Hq×Sq×Skv, i1 or a float of the inputs' type
/// or f32.
LogicalResult verifyMask(Operation *op, RankedTensorType mask,
                         ArrayRef<int64_t> scoresShape, Type inputElementType) {
  Type et = mask.getElementType();
  if (!isMaskElementType(et, inputElementType)) {
    InFlightDiagnostic diag = op->emitOpError()
                              << "mask element type must be i1 (keep-mask) or ";
    if (!inputElementType.isF32())
      diag << inputElementType << " or ";
    return diag << "f32 (additive), got " << et;
  }
  if (mask.getRank() > sdpa_dim::kRank)
    return op->emitOpError()
           << "mask must have rank <= 4, got rank " << mask.getRank();
  if (std::optional<int64_t> i =
          findNonBroadcastMaskDim(mask.getShape(), scoresShape))
    return op->emitOpError()
           << "mask shape " << shapeStr(mask.getShape())
           << " is not broadcastable to the scores' shape B×Hq×Sq×Skv = "
           << shapeStr(scoresShape) << " (mask dim " << *i << " is "
           << mask.getDimSize(*i) << ", expected 1 or "
           << sizeStr(scoresShape[maskScoreDim(mask, *i)]) << ")";
  return success();
}

/// Scale and causal attributes, shared by attn.sdpa and attn.mha.
LogicalResult verifyScaleAndCausal(Operation *op, std::optional<APFloat> scale,
                                   bool causal, std::optional<int64_t> offset) {
  if (scale && !scale->isFiniteNonZero())
    return op->emitOpError("scale must be finite and non-zero");
  if (offset && !causal)
    return op->emitOpError("causal_offset requires the causal attribute");
  return success();
}

/// Head grouping: Hq % Hkv == 0.
LogicalResult verifyHeadGrouping(Operation *op, int64_t queryHeads,
                                 int64_t kvHeads) {
  if (ShapedType::isDynamic(queryHeads) || ShapedType::isDynamic(kvHeads))
    return success();
  if (queryHeads == 0 || kvHeads == 0)
    return op->emitOpError()
           << "head counts must be positive, got " << queryHeads
           << " query and " << kvHeads << " key/value heads";
  if (queryHeads % kvHeads != 0)
    return op->emitOpError()
           << "query heads (" << queryHeads
           << ") must be a multiple of key/value heads (" << kvHeads << ")";
  return success();
}

} // namespace mlir::attn::detail
