//===- Preflight.h - attn-run's checks before compiling ---------*- C++ -*-===//
//
// What can be known to fail before anything is compiled or allocated: the
// arguments and results need more memory than the machine has, or a size
// that does not fit in 64 bits.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TOOLS_ATTN_RUN_PREFLIGHT_H
#define ATTN_TOOLS_ATTN_RUN_PREFLIGHT_H

#include "Inputs.h"

namespace mlir::attn::run {

/// Fails with the sizes needed when the random inputs (shapes from the types
/// or --arg-shape) and the statically shaped results cannot fit in
/// `memoryBytes` (the machine's physical memory; 0: unknown, only overflow
/// is checked). Inputs read from .npy files are bounded by their files.
llvm::Error checkMemoryNeeds(const std::vector<BoundaryType> &args,
                             const std::vector<BoundaryType> &results,
                             const InputOptions &options, uint64_t memoryBytes);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_PREFLIGHT_H
