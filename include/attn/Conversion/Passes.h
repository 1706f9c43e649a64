//===- Passes.h - attn conversion passes ------------------------*- C++ -*-===//
//
// The passes declared in Passes.td and the pattern sets they drive, so that
// pipelines and other passes can reuse the patterns.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_CONVERSION_PASSES_H
#define ATTN_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class RewritePatternSet;
} // namespace mlir

namespace mlir::attn {

#define GEN_PASS_DECL
#include "attn/Conversion/Passes.h.inc"

/// attn.weight → memref.global; attn.weight_ref → memref.get_global +
/// bufferization.to_tensor restrict.
void populateAttnLowerWeightsPatterns(RewritePatternSet &patterns);

/// Deliberate miscompilations of attn.sdpa, for tests of the runtime
/// checker only (the `test-inject-bug` option).
enum class SdpaInjectedBug {
  None,
  WrongScale,     ///< scale 1/D instead of the op's scale
  IgnoreMask,     ///< the keep-mask or additive mask is dropped
  WrongGrouping,  ///< KV head h mod Hkv instead of h floordiv (Hq/Hkv)
  CausalOffByOne, ///< key j visible iff j <= i + offset + 1
};

/// Parses a `test-inject-bug` value ("" is None); nullopt if unknown.
std::optional<SdpaInjectedBug> parseSdpaInjectedBug(StringRef name);

/// attn.sdpa → untiled linalg on tensors (f32 scores, masked softmax, P·V).
void populateAttnLowerSdpaPatterns(RewritePatternSet &patterns,
                                   SdpaInjectedBug bug = SdpaInjectedBug::None);

#define GEN_PASS_REGISTRATION
#include "attn/Conversion/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_CONVERSION_PASSES_H
