//===- AttnVerify.h - checks shared by the attn op verifiers ----*- C++ -*-===//
//
// Private to the dialect library: the rules several ops share (element
// types, dims, masks, head grouping), each with the message that names the
// operand and sizes involved.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_DIALECT_ATTN_ATTNVERIFY_H
#define ATTN_LIB_DIALECT_ATTN_ATTNVERIFY_H

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/APFloat.h"

#include <optional>
#include <string>

namespace mlir::attn::detail {

/// f32, f16 or bf16.
bool isSupportedFloat(Type t);
/// Two sizes agree unless both are static and differ.
bool compatible(int64_t a, int64_t b);
/// "?" for a dynamic size.
std::string sizeStr(int64_t s);
/// "2x?x8".
std::string shapeStr(ArrayRef<int64_t> shape);

/// `name` has rank `rank` (laid out as `layout`) and a supported element type.
LogicalResult verifyFloatTensor(Operation *op, StringRef name,
                                RankedTensorType type, int64_t rank,
                                StringRef layout);
/// `name`'s element type is `expected`, the element type of `refName`.
LogicalResult verifySameElementType(Operation *op, StringRef name,
                                    RankedTensorType type, StringRef refName,
                                    Type expected);
/// `dim` of `name` equals `expected` (what `what` must equal).
LogicalResult verifyDim(Operation *op, StringRef name, RankedTensorType type,
                        unsigned dim, int64_t expected, StringRef what);
/// Rank <= 4, broadcastable (right-aligned) to `scoresShape`, i1 or a float
/// of the inputs' type or f32.
LogicalResult verifyMask(Operation *op, RankedTensorType mask,
                         ArrayRef<int64_t> scoresShape, Type inputElementType);
/// Finite non-zero scale; an offset only with causal.
LogicalResult verifyScaleAndCausal(Operation *op, std::optional<APFloat> scale,
                                   bool causal, std::optional<int64_t> offset);
/// Hq % Hkv == 0.
LogicalResult verifyHeadGrouping(Operation *op, int64_t queryHeads,
                                 int64_t kvHeads);

} // namespace mlir::attn::detail

#endif // ATTN_LIB_DIALECT_ATTN_ATTNVERIFY_H
