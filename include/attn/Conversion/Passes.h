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

/// attn.sdpa → untiled linalg on tensors (f32 scores, masked softmax, P·V).
void populateAttnLowerSdpaPatterns(RewritePatternSet &patterns);

/// attn.online_attention → linalg ops (portable): its decomposition
/// (AggregatedOpInterface).
void populateAttnDecomposeOnlineAttentionPatterns(RewritePatternSet &patterns);

/// attn.online_attention (static head dims) → vector code, register-blocked
/// as `options` say (the pass's own options; lanes = 0: from the host).
void populateAttnOnlineAttentionToVectorPatterns(
    RewritePatternSet &patterns,
    const AttnVectorizeOnlineAttentionOptions &options);

#define GEN_PASS_REGISTRATION
#include "attn/Conversion/Passes.h.inc"

} // namespace mlir::attn

#endif // ATTN_CONVERSION_PASSES_H
