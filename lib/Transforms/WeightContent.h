//===- WeightContent.h - the elements of a weight, to compare ---*- C++ -*-===//
//
// attn-share-weights compares weights held in different attributes: dense<…>
// (possibly a splat) and dense_resource<…> blobs, which MLIR does not unique.
// A WeightContent is the form they compare in: the tensor type plus the
// element bytes, one element when all elements are equal (so a blob of equal
// elements matches the splat of that value), all of them otherwise.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TRANSFORMS_WEIGHTCONTENT_H
#define ATTN_LIB_TRANSFORMS_WEIGHTCONTENT_H

#include "mlir/IR/BuiltinAttributeInterfaces.h"
#include "mlir/IR/BuiltinTypes.h"

#include <optional>

namespace mlir::attn {

struct WeightContent {
  RankedTensorType type;
  /// Bytes per element (f32: 4, f16 and bf16: 2).
  int64_t elementBytes = 0;
  /// One element if `splat`, every element in row-major order otherwise.
  ArrayRef<char> bytes;
  /// Every element has the same bits.
  bool splat = false;
  /// Hash of the type and the bytes; equal contents have equal hashes.
  uint64_t hash = 0;

  /// The bytes one copy of the weight occupies once lowered to a global.
  int64_t sizeInBytes() const { return type.getNumElements() * elementBytes; }

  /// Same type and the same bits in every element.
  bool operator==(const WeightContent &other) const;

  /// This (rows × cols) equals the transpose of `other` (cols × rows): same
  /// element type, element (i, j) here is element (j, i) there.
  bool isTransposeOf(const WeightContent &other) const;

  /// The hash of this 2-D weight's transpose, as `hash` of a weight holding
  /// it would be.
  uint64_t transposedHash() const;
};

/// Whether `type` is a type attn.weight holds: a statically shaped f32, f16
/// or bf16 tensor.
bool isWeightType(Type type);

/// The content of `value`, or nothing if it is not a dense or
/// dense_resource attribute of a weight type, or its blob is unavailable
/// (elided) or not as large as its type says.
std::optional<WeightContent> getWeightContent(Attribute value);

} // namespace mlir::attn

#endif // ATTN_LIB_TRANSFORMS_WEIGHTCONTENT_H
