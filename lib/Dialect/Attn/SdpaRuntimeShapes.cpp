//===- SdpaRuntimeShapes.cpp - attn.sdpa's dynamic sizes at run time ------===//

#include "attn/Dialect/Attn/SdpaRuntimeShapes.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::attn;

void mlir::attn::emitSdpaShapeChecks(OpBuilder &b, Location loc, SdpaOp op,
                                     const SdpaSizes &s) {
  std::string where;
  llvm::raw_string_ostream os(where);
  os << "attn.sdpa at " << loc << ": ";
  auto dim = [&](Value t, int64_t d) {
    return tensor::getMixedSize(b, loc, t, d);
  };
  auto value = [&](OpFoldResult x) {
    return getValueOrCreateConstantIndexOp(b, loc, x);
  };
  auto equal = [&](OpFoldResult x, OpFoldResult y) -> Value {
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, value(x),
                                 value(y));
  };
  auto check = [&](OpFoldResult x, OpFoldResult y, StringRef what) {
    if (isa<Attribute>(x) && isa<Attribute>(y))
      return; // both static: the verifier compared them
    cf::AssertOp::create(b, loc, equal(x, y), where + what.str());
  };
  using namespace sdpa_dim;
  Value k = op.getKey(), v = op.getValue();
  check(s.batch, dim(k, kBatch), "the key batch differs from the query's");
  check(s.batch, dim(v, kBatch), "the value batch differs from the query's");
  check(s.kvHeads, dim(v, kHeads), "key and value head counts differ");
  check(s.kvSeq, dim(v, kSeq), "key and value sequence lengths differ");
  check(s.headDim, dim(k, kFeature), "query and key head dims differ");
  Value mask = op.getMask();
  if (!mask)
    return;
  auto type = cast<RankedTensorType>(mask.getType());
  SmallVector<OpFoldResult> scores = s.scores();
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (maskDimBroadcasts(type, i))
      continue;
    OpFoldResult m = dim(mask, i), full = scores[maskScoreDim(type, i)];
    if (!type.isDynamicDim(i)) {
      check(m, full,
            "a mask dim differs from the scores' (it must equal it "
            "or be 1)");
      continue;
    }
    if (isa<Attribute>(full) && isConstantIntValue(full, 1))
      check(m, full,
            "a mask dim differs from the scores' (it must equal it "
            "or be 1)");
    else
      cf::AssertOp::create(
          b, loc,
          arith::OrIOp::create(b, loc, equal(m, b.getIndexAttr(1)),
                               equal(m, full)),
          where + "a dynamic mask dim is neither 1 nor the scores' dim");
  }
}

Value mlir::attn::broadcastDynamicMaskDims(OpBuilder &b, Location loc,
                                           Value mask,
                                           ArrayRef<OpFoldResult> scores) {
  if (!mask)
    return mask;
  auto type = cast<RankedTensorType>(mask.getType());
  int64_t rank = type.getRank();
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, mask);
  // The dims to broadcast at run time: dynamic ones, unless the scores' dim
  // is a static 1 (then the mask's is 1 too: the checks said so).
  SmallVector<bool> dynamic(rank, false);
  bool any = false;
  for (int64_t i = 0; i < rank; ++i) {
    OpFoldResult full = scores[maskScoreDim(type, i, scores.size())];
    if (!type.isDynamicDim(i) ||
        (isa<Attribute>(full) && isConstantIntValue(full, 1)))
      continue;
    dynamic[i] = any = true;
    sizes[i] = full;
  }
  if (!any)
    return mask;

  // out[i...] = mask[j...] with j = 0 along a dynamic dim of size 1, i
  // elsewhere (a static 1 reads 0 too): a gather, since which dims
  // broadcast is known only at run time.
  SmallVector<Value> maskSizes;
  for (int64_t i = 0; i < rank; ++i)
    maskSizes.push_back(dynamic[i]
                            ? tensor::DimOp::create(b, loc, mask, i).getResult()
                            : Value());
  Value init = emptyTensor(b, loc, sizes, type.getElementType());
  auto generic = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank)},
      SmallVector<utils::IteratorType>(rank, utils::IteratorType::parallel),
      [&](OpBuilder &nb, Location nl, ValueRange) {
        Value zero = arith::ConstantIndexOp::create(nb, nl, 0);
        Value one = arith::ConstantIndexOp::create(nb, nl, 1);
        SmallVector<Value> indices;
        for (int64_t i = 0; i < rank; ++i) {
          if (maskDimBroadcasts(type, i)) {
            indices.push_back(zero);
            continue;
          }
          Value index = linalg::IndexOp::create(nb, nl, i);
          if (dynamic[i]) {
            Value isOne = arith::CmpIOp::create(
                nb, nl, arith::CmpIPredicate::eq, maskSizes[i], one);
            index = arith::SelectOp::create(nb, nl, isOne, zero, index);
          }
          indices.push_back(index);
        }
        Value element = tensor::ExtractOp::create(nb, nl, mask, indices);
        linalg::YieldOp::create(nb, nl, element);
      });
  return generic.getResult(0);
}
