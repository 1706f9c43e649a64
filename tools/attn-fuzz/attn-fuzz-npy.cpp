//===- attn-fuzz-npy.cpp - libFuzzer target: attn's .npy reader ----------===//
//
// Feeds arbitrary bytes to attn::runtime::parseNpy, the one parser of
// binary input attn writes itself (headers, shapes, dtypes, truncation),
// and round-trips what it accepts: serializeNpy must write it back and
// parseNpy must read the same array again. A bad file must only ever throw
// NpyError.
//
//===----------------------------------------------------------------------===//

#include "attn/Runtime/Npy.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using attn::runtime::NpyArray;
using attn::runtime::NpyError;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  NpyArray array;
  try {
    array = attn::runtime::parseNpy(data, size, "<fuzz>");
  } catch (const NpyError &) {
    return 0;
  }
  // An accepted array is self-consistent...
  size_t item = attn::runtime::npyItemSize(array.descr);
  if (item == 0 ||
      array.bytes.size() != static_cast<size_t>(array.numel()) * item)
    std::abort();
  // ...and survives a write and a read.
  std::vector<uint8_t> image = attn::runtime::serializeNpy(array, "<fuzz>");
  NpyArray again = attn::runtime::parseNpy(image.data(), image.size());
  if (again.descr != array.descr || again.shape != array.shape ||
      again.bytes != array.bytes)
    std::abort();
  (void)attn::runtime::npyToDoubles(array);
  return 0;
}
