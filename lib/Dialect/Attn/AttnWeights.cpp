//===- AttnWeights.cpp - attn.weight and attn.weight_ref ------------------===//

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/IR/DialectResourceBlobManager.h"

using namespace mlir;
using namespace mlir::attn;

LogicalResult WeightOp::verify() {
  if (!isa<DenseElementsAttr, DenseResourceElementsAttr>(getValue()))
    return emitOpError("value must be a dense<...> or dense_resource<...> "
                       "elements attribute");
  auto type = dyn_cast<RankedTensorType>(getValue().getType());
  if (!type)
    return emitOpError() << "value must be a ranked tensor, got "
                         << getValue().getType();
  Type et = type.getElementType();
  if (!et.isF32() && !et.isF16() && !et.isBF16())
    return emitOpError() << "value element type must be f32, f16 or bf16, got "
                         << et;
  // MLIR accepts a dense_resource blob of any size; lowering would read past
  // a short one. A blob that is not available (elided) is not checked.
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(getValue())) {
    DenseResourceElementsHandle handle = resource.getRawHandle();
    if (AsmResourceBlob *blob = handle.getBlob()) {
      int64_t expected =
          type.getNumElements() * (et.getIntOrFloatBitWidth() / 8);
      int64_t size = blob->getData().size();
      if (size != expected)
        return emitOpError()
               << "blob '" << handle.getKey() << "' holds " << size
               << " bytes, but " << type << " needs " << expected;
    }
  }
  return success();
}

LogicalResult
WeightRefOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  Operation *symbol =
      symbolTable.lookupNearestSymbolFrom(*this, getWeightAttr());
  if (!symbol)
    return emitOpError() << "no attn.weight named " << getWeightAttr();
  auto weight = dyn_cast<WeightOp>(symbol);
  if (!weight)
    return emitOpError() << getWeightAttr() << " names a '" << symbol->getName()
                         << "', not an attn.weight";
  if (weight.getType() != getResult().getType())
    return emitOpError() << "result type " << getResult().getType()
                         << " differs from the type " << weight.getType()
                         << " of weight " << getWeightAttr();
  return success();
}
