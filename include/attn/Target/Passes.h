//===- Passes.h - attn target set-up passes ---------------------*- C++ -*-===//
//
// The passes declared in Passes.td: what prepares a module for the machine
// it will run on.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TARGET_PASSES_H
#define ATTN_TARGET_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir::attn {

#define GEN_PASS_DECL
#include "attn/Target/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "attn/Target/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_TARGET_PASSES_H
