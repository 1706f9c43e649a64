//===- MemoryLimits.h - Sizes checked before allocating ---------*- C++ -*-===//
//
// A shape one typo away from a real one (S = 2^31 instead of 2^13) must be
// refused with the size it needs, not answered with an allocation failure
// and a crash dump, and a product of sizes that overflows 64 bits must not
// wrap around to a small buffer. These helpers compute sizes with overflow
// checks and compare them with the machine's memory.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNNER_MEMORYLIMITS_H
#define ATTN_RUNNER_MEMORYLIMITS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace mlir::attn {

/// Bytes of a dense array of `shape` with `elementBits`-bit elements (i1 is
/// stored in a byte), or nullopt when the size does not fit in int64_t or a
/// size is negative or dynamic.
std::optional<uint64_t> checkedByteSize(llvm::ArrayRef<int64_t> shape,
                                        uint64_t elementBits);

/// The machine's physical memory in bytes; 0 when it cannot be read.
uint64_t physicalMemoryBytes();

/// "512 GiB", "1.5 MiB", "12 bytes".
std::string formatBytes(uint64_t bytes);

/// Fails, with a diagnostic at the op, when a statically shaped tensor or
/// memref in `module` has more bytes than 64-bit sizes can address: the
/// lowered code would compute its size modulo 2^64 and allocate a buffer
/// too small for it.
LogicalResult verifyStaticSizesFit(ModuleOp module);

} // namespace mlir::attn

#endif // ATTN_RUNNER_MEMORYLIMITS_H
