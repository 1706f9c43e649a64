//===- AttnOps.cpp - attn.sdpa, attn.mha, attn.residual -------------------===//
//
// Verifiers and custom assembly for the attention ops. Every rule stated in
// an op's description is checked here with a message naming the operand and
// the sizes involved.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "AttnVerify.h"
#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::detail;

//===----------------------------------------------------------------------===//
// custom<NormPlacement>: the bare keyword `pre` or `post`
//===----------------------------------------------------------------------===//

static ParseResult parseNormPlacement(OpAsmParser &parser,
                                      NormPlacementAttr &norm) {
  StringRef keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseKeyword(&keyword))
    return failure();
  std::optional<NormPlacement> placement = symbolizeNormPlacement(keyword);
  if (!placement)
    return parser.emitError(loc, "expected 'pre' or 'post', got '")
           << keyword << "'";
  norm = NormPlacementAttr::get(parser.getContext(), *placement);
  return success();
}

static void printNormPlacement(OpAsmPrinter &p, Operation *,
                               NormPlacementAttr norm) {
  if (norm)
    p << stringifyNormPlacement(norm.getValue());
}

//===----------------------------------------------------------------------===//
// attn.sdpa
//===----------------------------------------------------------------------===//

LogicalResult SdpaOp::verify() {
  Operation *op = getOperation();
  auto q = getQuery().getType(), k = getKey().getType(),
       v = getValue().getType();
  auto out = getResult().getType();
  if (failed(verifyFloatTensor(op, "query", q, 4, "B×Hq×Sq×D")) ||
      failed(verifyFloatTensor(op, "key", k, 4, "B×Hkv×Skv×D")) ||
      failed(verifyFloatTensor(op, "value", v, 4, "B×Hkv×Skv×Dv")) ||
      failed(verifyFloatTensor(op, "result", out, 4, "B×Hq×Sq×Dv")))
    return failure();
  Type et = q.getElementType();
  if (failed(verifySameElementType(op, "key", k, "query", et)) ||
      failed(verifySameElementType(op, "value", v, "query", et)) ||
      failed(verifySameElementType(op, "result", out, "value", et)))
    return failure();

  SdpaDims d = SdpaDims::get(q, k, v);
  using namespace sdpa_dim;
  if (failed(verifyDim(op, "key", k, kBatch, q.getDimSize(kBatch),
                       "the query batch")) ||
      failed(verifyDim(op, "value", v, kBatch, d.batch, "the batch")) ||
      failed(verifyDim(op, "value", v, kHeads, k.getDimSize(kHeads),
                       "the key heads")) ||
      failed(verifyDim(op, "value", v, kSeq, k.getDimSize(kSeq),
                       "the key sequence length")) ||
      failed(verifyDim(op, "key", k, kFeature, q.getDimSize(kFeature),
                       "the query head dim")))
    return failure();
  if (failed(verifyHeadGrouping(op, d.queryHeads, d.kvHeads)))
    return failure();

  SmallVector<int64_t> expected = {d.batch, d.queryHeads, d.querySeq,
                                   d.valueDim};
  for (unsigned i = 0; i < kRank; ++i)
    if (!compatible(out.getDimSize(i), expected[i]))
      return emitOpError() << "result shape " << shapeStr(out.getShape())
                           << " does not match B×Hq×Sq×Dv = "
                           << shapeStr(expected);

  if (Value mask = getMask()) {
    if (failed(verifyMask(op, cast<RankedTensorType>(mask.getType()),
                          d.scoresShape(), et)))
      return failure();
  }
  if (!getScale() && (ShapedType::isDynamic(d.headDim) || d.headDim == 0))
    return emitOpError(
        "needs an explicit scale when the head dim is dynamic or 0");
  return verifyScaleAndCausal(
      op,
      getScaleAttr() ? std::optional<APFloat>(getScaleAttr().getValue())
                     : std::nullopt,
      getCausal(), getCausalOffset());
}

double SdpaOp::getEffectiveScale() {
  if (auto scale = getScaleAttr())
    return scale.getValueAsDouble();
  // The verifier guarantees a static, non-zero D when the scale is absent.
  return defaultScale(SdpaDims::get(*this).headDim);
}

//===----------------------------------------------------------------------===//
// attn.mha
//===----------------------------------------------------------------------===//

LogicalResult MhaOp::verify() {
  Operation *op = getOperation();
  auto x = getInput().getType();
  auto kv = cast<RankedTensorType>(getKeyValueSource().getType());
  if (failed(verifyFloatTensor(op, "input", x, 3, "B×Sq×M")) ||
      failed(verifyFloatTensor(op, "kv_input", kv, 3, "B×Skv×Mkv")))
    return failure();
  Type et = x.getElementType();

  int64_t hq = getNumHeads(), hkv = getNumKvHeads(), dh = getHeadDim();
  if (failed(verifyHeadGrouping(op, hq, hkv)))
    return failure();
  // Projection widths; guard the products, which feed every shape check.
  int64_t qWidth, kvWidth;
  if (llvm::MulOverflow(hq, dh, qWidth) || llvm::MulOverflow(hkv, dh, kvWidth))
    return emitOpError("num_heads × head_dim overflows");
  if (std::optional<StringRef> name = getName(); name && name->empty())
    return emitOpError("name must not be empty");

  struct Weight {
    StringRef name;
    Value value;
    int64_t rows, cols;
    StringRef rowsWhat, colsWhat;
  };
  auto out = getResult().getType();
  int64_t outCols = cast<RankedTensorType>(getWo().getType()).getRank() == 2
                        ? cast<RankedTensorType>(getWo().getType())
                              .getDimSize(mha_dim::kWeightCols)
                        : ShapedType::kDynamic;
  Weight weights[] = {
      {"wq", getWq(), x.getDimSize(mha_dim::kModel), qWidth,
       "the input's model dim", "num_heads × head_dim"},
      {"wk", getWk(), kv.getDimSize(mha_dim::kModel), kvWidth,
       "the key/value input's model dim", "num_kv_heads × head_dim"},
      {"wv", getWv(), kv.getDimSize(mha_dim::kModel), kvWidth,
       "the key/value input's model dim", "num_kv_heads × head_dim"},
      {"wo", getWo(), qWidth, outCols, "num_heads × head_dim",
       "the output model dim"},
  };
  for (const Weight &w : weights) {
    auto t = cast<RankedTensorType>(w.value.getType());
    if (failed(verifyFloatTensor(op, w.name, t, 2, "rows × columns")) ||
        failed(verifySameElementType(op, w.name, t, "input", et)) ||
        failed(verifyDim(op, w.name, t, mha_dim::kWeightRows, w.rows,
                         w.rowsWhat)) ||
        failed(
            verifyDim(op, w.name, t, mha_dim::kWeightCols, w.cols, w.colsWhat)))
      return failure();
  }
  if (failed(verifySameElementType(op, "kv_input", kv, "input", et)) ||
      failed(verifyDim(op, "kv_input", kv, mha_dim::kBatch,
                       x.getDimSize(mha_dim::kBatch), "the input batch")))
    return failure();

  struct Bias {
    StringRef name;
    Value value;
    int64_t size;
    StringRef what;
  };
  Bias biases[] = {{"bias_q", getBq(), qWidth, "num_heads × head_dim"},
                   {"bias_k", getBk(), kvWidth, "num_kv_heads × head_dim"},
                   {"bias_v", getBv(), kvWidth, "num_kv_heads × head_dim"},
                   {"bias_o", getBo(), outCols, "the output model dim"}};
  for (const Bias &b : biases) {
    if (!b.value)
      continue;
    auto t = cast<RankedTensorType>(b.value.getType());
    if (failed(verifyFloatTensor(op, b.name, t, 1, "columns")) ||
        failed(verifySameElementType(op, b.name, t, "input", et)) ||
        failed(verifyDim(op, b.name, t, 0, b.size, b.what)))
      return failure();
  }

  if (failed(verifyFloatTensor(op, "result", out, 3, "B×Sq×N")) ||
      failed(verifySameElementType(op, "result", out, "input", et)))
    return failure();
  SmallVector<int64_t> expected = {x.getDimSize(mha_dim::kBatch),
                                   x.getDimSize(mha_dim::kSeq), outCols};
  for (unsigned i = 0; i < mha_dim::kRank; ++i)
    if (!compatible(out.getDimSize(i), expected[i]))
      return emitOpError() << "result shape " << shapeStr(out.getShape())
                           << " does not match B×Sq×N = " << shapeStr(expected);

  if (Value mask = getMask()) {
    // The scores of the attn.sdpa the layer computes: B×Hq×Sq×Skv.
    SmallVector<int64_t> scores = {x.getDimSize(mha_dim::kBatch), hq,
                                   x.getDimSize(mha_dim::kSeq),
                                   kv.getDimSize(mha_dim::kSeq)};
    if (failed(
            verifyMask(op, cast<RankedTensorType>(mask.getType()), scores, et)))
      return failure();
  }
  return verifyScaleAndCausal(
      op,
      getScaleAttr() ? std::optional<APFloat>(getScaleAttr().getValue())
                     : std::nullopt,
      getCausal(), getCausalOffset());
}

//===----------------------------------------------------------------------===//
// attn.residual
//===----------------------------------------------------------------------===//

YieldOp ResidualOp::getYield() {
  return cast<YieldOp>(getBody().front().getTerminator());
}

LogicalResult ResidualOp::verify() {
  auto x = getInput().getType();
  if (x.getRank() < 1)
    return emitOpError("input must have rank >= 1");
  if (!isSupportedFloat(x.getElementType()))
    return emitOpError() << "input element type must be f32, f16 or bf16, got "
                         << x.getElementType();
  bool hasNorm = getNorm().has_value();
  if (hasNorm != static_cast<bool>(getGamma()) ||
      hasNorm != static_cast<bool>(getBeta()))
    return emitOpError("norm placement, gamma and beta must be given together");
  if (!getEpsilon().isFiniteNonZero() || getEpsilon().isNegative())
    return emitOpError("epsilon must be finite and positive");
  if (!hasNorm)
    return success();
  int64_t features = x.getDimSize(x.getRank() - 1);
  for (auto [name, v] : {std::pair<StringRef, Value>{"gamma", getGamma()},
                         {"beta", getBeta()}}) {
    auto t = cast<RankedTensorType>(v.getType());
    if (t.getRank() != 1)
      return emitOpError() << name << " must have rank 1, got rank "
                           << t.getRank();
    if (failed(verifySameElementType(*this, name, t, "input",
                                     x.getElementType())) ||
        failed(verifyDim(*this, name, t, 0, features, "the input's last dim")))
      return failure();
  }
  return success();
}

LogicalResult ResidualOp::verifyRegions() {
  Block &body = getBody().front();
  Type x = getInput().getType();
  if (body.getNumArguments() != 1 || body.getArgument(0).getType() != x)
    return emitOpError() << "body must take exactly one argument of the "
                            "input's type "
                         << x;
  auto yield = dyn_cast_or_null<YieldOp>(body.empty() ? nullptr : &body.back());
  if (!yield)
    return emitOpError("body must end with attn.yield");
  if (yield.getValue().getType() != x)
    return yield.emitOpError()
           << "yields " << yield.getValue().getType()
           << ", but the residual block needs the input's type " << x;
  return success();
}

#define GET_OP_CLASSES
#include "attn/Dialect/Attn/AttnOps.cpp.inc"
