//===- OnlineAttention.cpp - attn.online_attention ------------------------===//

#include "AttnVerify.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::detail;

LogicalResult OnlineAttentionOp::verify() {
  Operation *op = getOperation();
  auto q = getQuery().getType(), k = getKey().getType(),
       v = getValue().getType();
  using namespace online_dim;
  SmallVector<StringRef, 2> keyDims =
      keyLayout<StringRef>(getKeyTransposed(), "Bk", "D");
  std::string keyText = (keyDims[0] + "×" + keyDims[1]).str();
  if (failed(verifyFloatTensor(op, "query", q, kRank, "Bq×D")) ||
      failed(verifyFloatTensor(op, "key", k, kRank, keyText)) ||
      failed(verifyFloatTensor(op, "value", v, kRank, "Bk×Dv")))
    return failure();
  Type et = q.getElementType();
  if (failed(verifySameElementType(op, "key", k, "query", et)) ||
      failed(verifySameElementType(op, "value", v, "query", et)))
    return failure();

  unsigned keyDim = getKeySeqDim(*this), headDim = getKeyFeatureDim(*this);
  int64_t rows = q.getDimSize(kRows), keys = k.getDimSize(keyDim);
  if (failed(verifyDim(op, "key", k, headDim, q.getDimSize(kFeature),
                       "the query head dim")) ||
      failed(verifyDim(op, "value", v, kValueKeys, keys, "the key block size")))
    return failure();

  auto acc = getAcc().getType(), max = getMax().getType(),
       sum = getSum().getType();
  auto f32 = Float32Type::get(getContext());
  struct State {
    StringRef name;
    RankedTensorType type;
    int64_t rank;
    SmallVector<int64_t, 2> shape;
  } states[] = {{"acc", acc, 2, {rows, v.getDimSize(kFeature)}},
                {"max", max, 1, {rows}},
                {"sum", sum, 1, {rows}}};
  for (State &s : states) {
    if (s.type.getRank() != s.rank || s.type.getElementType() != f32)
      return emitOpError() << s.name << " must be a rank-" << s.rank
                           << " f32 tensor, got " << s.type;
    for (auto [i, expected] : llvm::enumerate(s.shape))
      if (!compatible(s.type.getDimSize(i), expected))
        return emitOpError()
               << s.name << " shape " << shapeStr(s.type.getShape())
               << " does not match " << shapeStr(s.shape)
               << " (query rows × value dim)";
  }

  if (Value mask = getMask()) {
    auto m = cast<RankedTensorType>(mask.getType());
    Type met = m.getElementType();
    if (!isMaskElementType(met, et))
      return emitOpError() << "mask element type must be i1 (keep-mask), the "
                              "input type or f32 (additive), got "
                           << met;
    // Rows broadcast as attn.sdpa's mask does; keys do not (attn-tile
    // slices every mask to its key block).
    if (m.getRank() != kRank ||
        findNonBroadcastMaskDim(m.getShape(), {rows, keys}) ||
        !compatible(m.getDimSize(kKeys), keys))
      return emitOpError() << "mask shape " << shapeStr(m.getShape())
                           << " must be Bq×Bk or 1×Bk = " << sizeStr(rows)
                           << "x" << sizeStr(keys);
  }
  if (!getScale().isFiniteNonZero())
    return emitOpError("scale must be finite and non-zero");
  return success();
}
