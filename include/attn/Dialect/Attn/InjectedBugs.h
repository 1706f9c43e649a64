//===- InjectedBugs.h - deliberate miscompilations for tests ----*- C++ -*-===//
//
// The `test-inject-bug` option of attn's attention lowerings (untiled and
// tiled): each value makes a lowering of attn.sdpa deliberately wrong, so
// tests can show that attn-run --check catches the errors that matter.
// Shared here so every lowering understands the same names.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_INJECTEDBUGS_H
#define ATTN_DIALECT_ATTN_INJECTEDBUGS_H

#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mlir::attn {

enum class SdpaInjectedBug {
  None,
  WrongScale,     ///< scale 1/D instead of the op's scale
  IgnoreMask,     ///< the keep-mask or additive mask is dropped
  WrongGrouping,  ///< KV head h mod Hkv instead of h floordiv (Hq/Hkv)
  CausalOffByOne, ///< key j visible iff j <= i + offset + 1
};

/// Parses a `test-inject-bug` value ("" is None); nullopt if unknown.
std::optional<SdpaInjectedBug> parseSdpaInjectedBug(llvm::StringRef name);

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_INJECTEDBUGS_H
