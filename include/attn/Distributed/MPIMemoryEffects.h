//===- MPIMemoryEffects.h - what mpi ops do to their buffers ----*- C++ -*-===//
//
// Upstream MLIR 22's mpi ops declare no memory effects, so the buffer
// deallocation pipeline refuses a function that holds one ("ops with unknown
// memory side effects are not supported"). These external models say which
// buffers each op reads and writes.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DISTRIBUTED_MPIMEMORYEFFECTS_H
#define ATTN_DISTRIBUTED_MPIMEMORYEFFECTS_H

namespace mlir {
class DialectRegistry;
namespace attn {

void registerMPIMemoryEffectsExternalModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_DISTRIBUTED_MPIMEMORYEFFECTS_H
