//===- SdpaRuntimeShapes.h - attn.sdpa's dynamic sizes at run time -*- C++
//-*-===//
//
// What the lowerings of attn.sdpa (the tiled one, attn-tile, and the untiled
// one, attn-lower-sdpa) build for sizes the verifier could not compare
// because they are dynamic: checks that fail with a message naming the op
// instead of reading past a buffer, and the broadcast of a dynamic mask dim
// whose runtime size is 1. One implementation, so both lowerings accept and
// refuse the same inputs.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_SDPARUNTIMESHAPES_H
#define ATTN_DIALECT_ATTN_SDPARUNTIMESHAPES_H

#include "attn/Dialect/Attn/AttnSemantics.h"

namespace mlir::attn {

/// Compares, when the code runs, the dynamic sizes of `op`'s operands that
/// must agree (batch, key/value heads, key/value lengths, head dims) and the
/// mask's dims with the scores' (each dynamic one must be 1 or the scores'
/// dim, a static one other than 1 the scores' dim): a mismatch fails a
/// cf.assert whose message names the op's location and the sizes' roles.
/// Static pairs were compared by the verifier and get no check.
void emitSdpaShapeChecks(OpBuilder &b, Location loc, SdpaOp op,
                         const SdpaSizes &sizes);

/// `mask` with every dynamic dim that lines up with a scores' dim made that
/// dim: where the runtime size is 1 the mask is broadcast along it, as a
/// static 1 is. The lowerings read a dynamic mask dim as the scores' own, so
/// they call this first; a mask without dynamic dims (the usual case) is
/// returned as it is, and otherwise the copy is the size of the mask with
/// those dims expanded. Call after emitSdpaShapeChecks.
Value broadcastDynamicMaskDims(OpBuilder &b, Location loc, Value mask,
                               ArrayRef<OpFoldResult> scores);

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_SDPARUNTIMESHAPES_H
