//===- CpuTarget.h - what attn's passes ask about the target CPU -*- C++
//-*-===//
//
// The target facts that tile sizes and kernel shapes are chosen from: cache
// sizes from the module's DLTI target description and the host's vector
// width. Kept here so every pass asks the same way.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TARGET_CPUTARGET_H
#define ATTN_TARGET_CPUTARGET_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::attn {

/// The CPU cache size `key` ("L1_cache_size_in_bytes",
/// "L2_cache_size_in_bytes") from the `dlti.target_system_spec` that applies
/// to `op` (its `"CPU"` device), or `fallback` when there is none.
int64_t getCpuCacheSize(Operation *op, StringRef key, int64_t fallback);

/// f32 lanes of the host's widest vectors attn's kernels use: 16 with
/// AVX-512, 8 otherwise.
int64_t getHostVectorLanes();

} // namespace mlir::attn

#endif // ATTN_TARGET_CPUTARGET_H
