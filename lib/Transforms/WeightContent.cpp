//===- WeightContent.cpp - the elements of a weight, to compare -----------===//

#include "WeightContent.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "llvm/ADT/Hashing.h"
#include "llvm/Support/xxhash.h"

#include <cstring>
#include <vector>

using namespace mlir;
using namespace mlir::attn;

bool mlir::attn::isWeightType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape())
    return false;
  Type et = tensor.getElementType();
  return et.isF32() || et.isF16() || et.isBF16();
}

static uint64_t hashContent(RankedTensorType type, bool splat,
                            ArrayRef<char> bytes) {
  ArrayRef<uint8_t> data(reinterpret_cast<const uint8_t *>(bytes.data()),
                         bytes.size());
  return llvm::hash_combine(type.getAsOpaquePointer(), splat,
                            llvm::xxh3_64bits(data));
}

/// Whether every element of `bytes` (elements of `width` bytes) equals the
/// first. Exported weights are rarely constant, so this usually stops at the
/// second element.
static bool allElementsEqual(ArrayRef<char> bytes, int64_t width) {
  for (size_t i = width; i < bytes.size(); i += width)
    if (std::memcmp(bytes.data(), bytes.data() + i, width) != 0)
      return false;
  return true;
}

std::optional<WeightContent> mlir::attn::getWeightContent(Attribute value) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || !isWeightType(elements.getType()) ||
      elements.getNumElements() == 0)
    return std::nullopt;
  WeightContent content;
  content.type = cast<RankedTensorType>(elements.getType());
  content.elementBytes =
      content.type.getElementType().getIntOrFloatBitWidth() / 8;
  int64_t size = content.sizeInBytes();
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    content.bytes = dense.getRawData();
    content.splat = dense.isSplat();
  } else if (auto resource = dyn_cast<DenseResourceElementsAttr>(value)) {
    DenseResourceElementsHandle handle = resource.getRawHandle();
    AsmResourceBlob *blob = handle.getBlob();
    if (!blob)
      return std::nullopt;
    content.bytes = blob->getData();
    content.splat = false;
  } else {
    return std::nullopt;
  }
  if (content.splat) {
    if (static_cast<int64_t>(content.bytes.size()) != content.elementBytes)
      return std::nullopt;
  } else {
    if (static_cast<int64_t>(content.bytes.size()) != size)
      return std::nullopt;
    if (size > 0 && allElementsEqual(content.bytes, content.elementBytes)) {
      content.bytes = content.bytes.take_front(content.elementBytes);
      content.splat = true;
    }
  }
  content.hash = hashContent(content.type, content.splat, content.bytes);
  return content;
}

bool WeightContent::operator==(const WeightContent &other) const {
  return type == other.type && splat == other.splat &&
         bytes.size() == other.bytes.size() &&
         std::memcmp(bytes.data(), other.bytes.data(), bytes.size()) == 0;
}

static RankedTensorType transposedType(RankedTensorType type) {
  return RankedTensorType::get({type.getDimSize(1), type.getDimSize(0)},
                               type.getElementType());
}

bool WeightContent::isTransposeOf(const WeightContent &other) const {
  if (type.getRank() != 2 || other.type != transposedType(type) ||
      splat != other.splat)
    return false;
  if (splat)
    return std::memcmp(bytes.data(), other.bytes.data(), elementBytes) == 0;
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      if (std::memcmp(bytes.data() + (i * cols + j) * elementBytes,
                      other.bytes.data() + (j * rows + i) * elementBytes,
                      elementBytes) != 0)
        return false;
  return true;
}

uint64_t WeightContent::transposedHash() const {
  RankedTensorType transposed = transposedType(type);
  if (splat)
    return hashContent(transposed, splat, bytes);
  int64_t rows = type.getDimSize(0), cols = type.getDimSize(1);
  std::vector<char> buffer(bytes.size());
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      std::memcpy(buffer.data() + (j * rows + i) * elementBytes,
                  bytes.data() + (i * cols + j) * elementBytes, elementBytes);
  return hashContent(transposed, splat, buffer);
}
