//===- Passes.h - attn's GPU passes -----------------------------*- C++ -*-===//

#ifndef ATTN_GPU_PASSES_H
#define ATTN_GPU_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::attn {

#define GEN_PASS_DECL
#include "attn/Gpu/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "attn/Gpu/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_GPU_PASSES_H
