//===- HostArray.h - Host arrays and memref descriptors ---------*- C++ -*-===//
//
// What the runner hands compiled code and gets back from it: dense host
// arrays of the element types attn computes in, and the ranked memref
// descriptors through which the LLVM lowering passes them,
//
//   { T *allocated; T *aligned; int64_t offset;
//     int64_t sizes[rank]; int64_t strides[rank]; }
//
// i.e. 3 + 2·rank 64-bit words for any rank. Plain C++ (no MLIR), so the
// reference thunks called from JIT-compiled code use it too.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNNER_HOSTARRAY_H
#define ATTN_RUNNER_HOSTARRAY_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace attn::runner {

/// The element types the runner moves in and out of compiled code. i1 is
/// stored one byte per element (0 or 1), as LLVM stores i1 in memory; I64
/// is also `index` (64 bits on the CPUs attn compiles for). Integers go
/// through double in load/storeElement: exact up to 2^53 in magnitude.
enum class ElementKind { F32, F16, BF16, I1, I32, I64 };

/// Whether elements of `kind` are integers (i1, i32, i64).
bool isIntegerKind(ElementKind kind);

/// Bytes per element in memory.
size_t elementSize(ElementKind kind);
/// "f32", "f16", "bf16", "i1", "i32", "i64".
const char *elementName(ElementKind kind);
/// The C type the AOT header uses for an element ("float", "uint16_t",
/// "uint8_t", "int32_t", "int64_t").
const char *elementCType(ElementKind kind);

/// Element `index` of `base` widened to double (exact for every kind).
double loadElement(const void *base, ElementKind kind, int64_t index);
/// Stores `value` rounded to nearest-even in the element type (i1: nonzero
/// is true; i32/i64: rounded to the nearest integer).
void storeElement(void *base, ElementKind kind, int64_t index, double value);

/// Product of `shape` (1 for rank 0).
int64_t numElements(const std::vector<int64_t> &shape);
/// "2x8x77x64" ("scalar" for rank 0).
std::string shapeString(const std::vector<int64_t> &shape);

/// A dense, row-major, 64-byte aligned host array that owns its storage.
class HostArray {
public:
  HostArray() = default;
  /// A zero-filled array.
  HostArray(ElementKind kind, std::vector<int64_t> shape);

  /// `values` rounded to `kind`; values.size() must match the shape.
  static HostArray fromDoubles(ElementKind kind, std::vector<int64_t> shape,
                               const std::vector<double> &values);

  ElementKind kind() const { return elemKind; }
  const std::vector<int64_t> &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  int64_t size() const { return numElements(dims); }
  void *data() const { return storage.get(); }
  size_t byteSize() const { return size() * elementSize(elemKind); }

  double get(int64_t index) const {
    return loadElement(data(), elemKind, index);
  }
  std::vector<double> toDoubles() const;

private:
  struct FreeDeleter {
    void operator()(void *p) const;
  };
  ElementKind elemKind = ElementKind::F32;
  std::vector<int64_t> dims;
  std::unique_ptr<void, FreeDeleter> storage;
};

/// Number of 64-bit words in a rank-`rank` memref descriptor.
inline size_t descriptorWords(int64_t rank) { return 3 + 2 * rank; }

/// A decoded memref descriptor.
struct MemRefView {
  void *allocated = nullptr;
  void *aligned = nullptr;
  int64_t offset = 0;
  std::vector<int64_t> sizes;
  std::vector<int64_t> strides;
};

/// Writes the descriptor of `array` (identity layout) into `words`, which
/// holds descriptorWords(array.rank()) words.
void writeDescriptor(const HostArray &array, int64_t *words);
/// Decodes the rank-`rank` descriptor at `words`.
MemRefView readDescriptor(const int64_t *words, int64_t rank);
/// The elements of a (possibly strided) memref, in row-major order, as
/// doubles.
std::vector<double> viewToDoubles(const MemRefView &view, ElementKind kind);
/// A contiguous copy of a (possibly strided) memref.
HostArray viewToArray(const MemRefView &view, ElementKind kind);

/// A malloc'ed buffer for `values` rounded to `kind`, described by `words`
/// (allocated == aligned, identity layout) — what compiled code returns and
/// frees with free(). Used by the reference thunks to return results.
void writeMallocedResult(int64_t *words, ElementKind kind,
                         const std::vector<int64_t> &shape,
                         const std::vector<double> &values);

} // namespace attn::runner

#endif // ATTN_RUNNER_HOSTARRAY_H
