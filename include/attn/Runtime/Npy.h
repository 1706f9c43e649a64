//===- Npy.h - Reading and writing NumPy .npy files -----------------------===//
//
// The runner's file format for inputs and results. Plain C++17, no MLIR or
// LLVM, so it can also be used by standalone tools.
//
// Supported: format versions 1.0, 2.0 and 3.0 on read (1.0 on write unless
// the header needs more than 64 KiB), C order only, little-endian dtypes
// '<f2' '<f4' '<f8' '<i4' '<i8' and one-byte '|b1' '|u1'.
//
// Error handling: every failure throws NpyError (a std::runtime_error) whose
// message is "<file or source name>: <reason>".
//
// NumPy has no bfloat16 dtype; by convention bf16 tensors are exchanged as
// '<f4' (every bf16 value is exactly representable) and rounded with
// attn::runtime::floatToBFloat16Bits where a kernel needs bf16 bits.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNTIME_NPY_H
#define ATTN_RUNTIME_NPY_H

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace attn::runtime {

class NpyError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// An array as stored in a .npy file: the dtype string, the shape and the raw
/// little-endian, C-order element bytes.
struct NpyArray {
  /// One of "<f2", "<f4", "<f8", "<i4", "<i8", "|b1", "|u1" (a read
  /// normalizes "<b1"/"<u1" to the "|" spelling NumPy writes).
  std::string descr;
  std::vector<int64_t> shape;
  std::vector<uint8_t> bytes;

  /// Product of the shape (1 for a 0-d array).
  int64_t numel() const;
};

/// Bytes per element of a supported descr; 0 if the descr is unsupported.
size_t npyItemSize(const std::string &descr);

/// Reads and validates a .npy file.
NpyArray readNpy(const std::string &path);
/// Parses a .npy image held in memory; `sourceName` prefixes error messages.
NpyArray parseNpy(const uint8_t *data, size_t size,
                  const std::string &sourceName = "<memory>");

/// Writes `array` (validated first) as a .npy file, header laid out as NumPy
/// does (64-byte aligned data).
void writeNpy(const std::string &path, const NpyArray &array);
/// The .npy image writeNpy would write.
std::vector<uint8_t> serializeNpy(const NpyArray &array,
                                  const std::string &sourceName = "<memory>");

/// Element values as doubles. f2/f4 widen exactly, b1 gives 0/1, integers
/// convert (i8 beyond 2^53 rounds).
std::vector<double> npyToDoubles(const NpyArray &array);

/// Encodes `values` as `descr`. f4 rounds to nearest; f2 rounds to f32 first,
/// then to nearest-even f16; b1 stores nonzero as 1 (NaN counts as nonzero);
/// integer types require integral, in-range values. Throws NpyError
/// otherwise or if values.size() does not match the shape.
NpyArray npyFromDoubles(const std::string &descr, std::vector<int64_t> shape,
                        const std::vector<double> &values);

} // namespace attn::runtime

#endif // ATTN_RUNTIME_NPY_H
