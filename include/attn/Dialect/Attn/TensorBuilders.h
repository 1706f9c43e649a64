//===- TensorBuilders.h - small builders shared by the decompositions ----===//
//
// Helpers that build the recurring pieces of attn's decompositions and
// lowerings: shapes mixing static and dynamic sizes, zero-filled f32
// accumulators and element-wise linalg.generic ops.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_DIALECT_ATTN_TENSORBUILDERS_H
#define ATTN_DIALECT_ATTN_TENSORBUILDERS_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

namespace mlir::attn {

/// The static shape of `sizes`: constants as they are, values as kDynamic.
SmallVector<int64_t> staticShape(ArrayRef<OpFoldResult> sizes);

/// A `tensor.empty` of `sizes` (dynamic ones as SSA values) and `elementType`.
Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                  Type elementType);

/// An f32 tensor of `sizes` filled with `value`, the init of a reduction.
Value filledF32(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
                double value);

/// An f32 scalar constant.
Value f32Constant(OpBuilder &b, Location loc, double value);

/// `value` widened to (or narrowed from) f32; a no-op for f32.
Value toF32(OpBuilder &b, Location loc, Value value);
Value fromF32(OpBuilder &b, Location loc, Value value, Type elementType);

/// A parallel linalg.generic over all dims of `init` whose inputs are read
/// through `inputMaps`; `body` gets the input scalars and returns the one
/// result scalar.
Value buildElementwise(
    OpBuilder &b, Location loc, ValueRange inputs,
    ArrayRef<AffineMap> inputMaps, Value init,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body);

/// A linalg.generic over `iterators` with the given maps (inputs, then the
/// one init), whose body returns one scalar: reductions and elementwise ops
/// alike.
Value buildGeneric(OpBuilder &b, Location loc, ValueRange inputs, Value init,
                   ArrayRef<AffineMap> maps,
                   ArrayRef<utils::IteratorType> iterators,
                   function_ref<Value(OpBuilder &, Location, ValueRange)> body);

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_TENSORBUILDERS_H
