//===- Passes.h - attn code generation passes -------------------*- C++ -*-===//
//
// Passes that turn upstream structured ops into attn's own CPU kernels
// (declared in Passes.td).
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_CODEGEN_PASSES_H
#define ATTN_CODEGEN_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::attn {

#define GEN_PASS_DECL
#include "attn/Codegen/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "attn/Codegen/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_CODEGEN_PASSES_H
