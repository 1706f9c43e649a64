//===- HostArray.cpp - Host arrays and memref descriptors -----------------===//

#include "attn/Runner/HostArray.h"

#include "attn/Runtime/FloatConversion.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace attn::runner {

using runtime::bfloat16BitsToFloat;
using runtime::floatToBFloat16Bits;
using runtime::floatToHalfBits;
using runtime::halfBitsToFloat;

size_t elementSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return 4;
  case ElementKind::F16:
  case ElementKind::BF16:
    return 2;
  case ElementKind::I1:
    return 1;
  case ElementKind::I32:
    return 4;
  case ElementKind::I64:
    return 8;
  }
  return 0;
}

bool isIntegerKind(ElementKind kind) {
  return kind == ElementKind::I1 || kind == ElementKind::I32 ||
         kind == ElementKind::I64;
}

const char *elementName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "f32";
  case ElementKind::F16:
    return "f16";
  case ElementKind::BF16:
    return "bf16";
  case ElementKind::I1:
    return "i1";
  case ElementKind::I32:
    return "i32";
  case ElementKind::I64:
    return "i64";
  }
  return "?";
}

const char *elementCType(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return "float";
  case ElementKind::F16:
  case ElementKind::BF16:
    return "uint16_t";
  case ElementKind::I1:
    return "uint8_t";
  case ElementKind::I32:
    return "int32_t";
  case ElementKind::I64:
    return "int64_t";
  }
  return "void";
}

double loadElement(const void *base, ElementKind kind, int64_t index) {
  const char *p = static_cast<const char *>(base) + index * elementSize(kind);
  switch (kind) {
  case ElementKind::F32: {
    float f;
    std::memcpy(&f, p, sizeof f);
    return f;
  }
  case ElementKind::F16: {
    uint16_t bits;
    std::memcpy(&bits, p, sizeof bits);
    return halfBitsToFloat(bits);
  }
  case ElementKind::BF16: {
    uint16_t bits;
    std::memcpy(&bits, p, sizeof bits);
    return bfloat16BitsToFloat(bits);
  }
  case ElementKind::I1:
    return *reinterpret_cast<const uint8_t *>(p) ? 1.0 : 0.0;
  case ElementKind::I32: {
    int32_t i;
    std::memcpy(&i, p, sizeof i);
    return static_cast<double>(i);
  }
  case ElementKind::I64: {
    int64_t i;
    std::memcpy(&i, p, sizeof i);
    return static_cast<double>(i);
  }
  }
  return 0.0;
}

void storeElement(void *base, ElementKind kind, int64_t index, double value) {
  char *p = static_cast<char *>(base) + index * elementSize(kind);
  // Narrowing goes through f32, as compiled code's f32 accumulators do;
  // double → f32 → f16 can double-round, which is far below any tolerance.
  switch (kind) {
  case ElementKind::F32: {
    float f = static_cast<float>(value);
    std::memcpy(p, &f, sizeof f);
    return;
  }
  case ElementKind::F16: {
    uint16_t bits = floatToHalfBits(static_cast<float>(value));
    std::memcpy(p, &bits, sizeof bits);
    return;
  }
  case ElementKind::BF16: {
    uint16_t bits = floatToBFloat16Bits(static_cast<float>(value));
    std::memcpy(p, &bits, sizeof bits);
    return;
  }
  case ElementKind::I1:
    *reinterpret_cast<uint8_t *>(p) = value != 0.0 ? 1 : 0;
    return;
  case ElementKind::I32: {
    auto i = static_cast<int32_t>(std::llround(value));
    std::memcpy(p, &i, sizeof i);
    return;
  }
  case ElementKind::I64: {
    auto i = static_cast<int64_t>(std::llround(value));
    std::memcpy(p, &i, sizeof i);
    return;
  }
  }
}

int64_t numElements(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string shapeString(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + std::to_string(shape[i]);
  return s;
}

/// 64-byte aligned storage (cache line, AVX-512 vector); at least one byte so
/// empty arrays still have a distinct, freeable pointer.
static void *allocateAligned(size_t bytes) {
  size_t rounded = (bytes + 63) / 64 * 64;
  void *p = std::aligned_alloc(64, rounded ? rounded : 64);
  if (!p) {
    std::fprintf(stderr, "attn: out of memory allocating %zu bytes\n", bytes);
    std::abort();
  }
  return p;
}

void HostArray::FreeDeleter::operator()(void *p) const { std::free(p); }

HostArray::HostArray(ElementKind kind, std::vector<int64_t> shape)
    : elemKind(kind), dims(std::move(shape)) {
  storage.reset(allocateAligned(byteSize()));
  std::memset(storage.get(), 0, byteSize());
}

HostArray HostArray::fromDoubles(ElementKind kind, std::vector<int64_t> shape,
                                 const std::vector<double> &values) {
  HostArray array(kind, std::move(shape));
  assert(static_cast<int64_t>(values.size()) == array.size() &&
         "HostArray::fromDoubles: value count does not match the shape");
  for (size_t i = 0; i < values.size(); ++i)
    storeElement(array.data(), kind, static_cast<int64_t>(i), values[i]);
  return array;
}

std::vector<double> HostArray::toDoubles() const {
  std::vector<double> out(size());
  for (int64_t i = 0, e = size(); i < e; ++i)
    out[i] = get(i);
  return out;
}

void writeDescriptor(const HostArray &array, int64_t *words) {
  int64_t rank = array.rank();
  words[0] = reinterpret_cast<int64_t>(array.data());
  words[1] = reinterpret_cast<int64_t>(array.data());
  words[2] = 0;
  int64_t stride = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    words[3 + i] = array.shape()[i];
    words[3 + rank + i] = stride;
    stride *= array.shape()[i];
  }
}

MemRefView readDescriptor(const int64_t *words, int64_t rank) {
  MemRefView view;
  view.allocated = reinterpret_cast<void *>(words[0]);
  view.aligned = reinterpret_cast<void *>(words[1]);
  view.offset = words[2];
  view.sizes.assign(words + 3, words + 3 + rank);
  view.strides.assign(words + 3 + rank, words + 3 + 2 * rank);
  return view;
}

/// Calls `fn(flatRowMajorIndex, elementOffset)` for every element.
template <typename Fn>
static void forEachElement(const MemRefView &view, Fn fn) {
  int64_t rank = static_cast<int64_t>(view.sizes.size());
  int64_t total = numElements(view.sizes);
  if (total == 0)
    return;
  std::vector<int64_t> idx(rank, 0);
  int64_t offset = view.offset;
  for (int64_t flat = 0; flat < total; ++flat) {
    fn(flat, offset);
    // Odometer increment, keeping the strided offset in step.
    for (int64_t d = rank - 1; d >= 0; --d) {
      offset += view.strides[d];
      if (++idx[d] < view.sizes[d])
        break;
      offset -= view.strides[d] * view.sizes[d];
      idx[d] = 0;
    }
  }
}

std::vector<double> viewToDoubles(const MemRefView &view, ElementKind kind) {
  std::vector<double> out(numElements(view.sizes));
  forEachElement(view, [&](int64_t flat, int64_t offset) {
    out[flat] = loadElement(view.aligned, kind, offset);
  });
  return out;
}

HostArray viewToArray(const MemRefView &view, ElementKind kind) {
  HostArray array(kind, view.sizes);
  size_t width = elementSize(kind);
  forEachElement(view, [&](int64_t flat, int64_t offset) {
    std::memcpy(static_cast<char *>(array.data()) + flat * width,
                static_cast<const char *>(view.aligned) + offset * width,
                width);
  });
  return array;
}

void writeMallocedResult(int64_t *words, ElementKind kind,
                         const std::vector<int64_t> &shape,
                         const std::vector<double> &values) {
  size_t bytes = values.size() * elementSize(kind);
  void *buffer = allocateAligned(bytes);
  for (size_t i = 0; i < values.size(); ++i)
    storeElement(buffer, kind, static_cast<int64_t>(i), values[i]);
  int64_t rank = static_cast<int64_t>(shape.size());
  words[0] = reinterpret_cast<int64_t>(buffer);
  words[1] = reinterpret_cast<int64_t>(buffer);
  words[2] = 0;
  int64_t stride = 1;
  for (int64_t i = rank - 1; i >= 0; --i) {
    words[3 + i] = shape[i];
    words[3 + rank + i] = stride;
    stride *= shape[i];
  }
}

} // namespace attn::runner
