//===- AttnOps.cpp - attn.sdpa, attn.mha, attn.residual -------------------===//
//
// Verifiers and custom assembly for the attention ops. Every rule stated in
// an op's description is checked here with a message naming the operand and
// the sizes involved.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnShapes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

//===----------------------------------------------------------------------===//
// Shared checks
//===----------------------------------------------------------------------===//

static bool isSupportedFloat(Type t) {
  return t.isF32() || t.isF16() || t.isBF16();
}

/// Two sizes agree unless both are static and differ.
static bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

static std::string sizeStr(int64_t s) {
  return ShapedType::isDynamic(s) ? "?" : std::to_string(s);
}

static std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string r;
  for (auto [i, s] : llvm::enumerate(shape))
    r += (i ? "x" : "") + sizeStr(s);
  return r;
}

/// Checks that `name` has rank `rank` and a supported element type.
static LogicalResult verifyFloatTensor(Operation *op, StringRef name,
                                       RankedTensorType type, int64_t rank,
                                       StringRef layout) {
  if (type.getRank() != rank)
    return op->emitOpError() << name << " must have rank " << rank << " ("
                             << layout << "), got rank " << type.getRank();
  if (!isSupportedFloat(type.getElementType()))
    return op->emitOpError()
           << name << " element type must be f32, f16 or bf16, got "
           << type.getElementType();
  return success();
}

/// Checks that `type` has element type `expected`; `name` and `refName`
/// name the two operands in the message.
static LogicalResult verifySameElementType(Operation *op, StringRef name,
                                           RankedTensorType type,
                                           StringRef refName, Type expected) {
  if (type.getElementType() != expected)
    return op->emitOpError()
           << name << " element type " << type.getElementType()
           << " differs from " << refName << " element type " << expected;
  return success();
}

/// Checks `dim` of `name` against `expected` (what `what` must equal).
static LogicalResult verifyDim(Operation *op, StringRef name,
                               RankedTensorType type, unsigned dim,
                               int64_t expected, StringRef what) {
  int64_t actual = type.getDimSize(dim);
  if (!compatible(actual, expected))
    return op->emitOpError()
           << name << " dim " << dim << " (" << actual << ") must equal "
           << what << " (" << expected << ")";
  return success();
}

/// The mask rules shared by attn.sdpa and attn.mha: rank <= 4, broadcastable
/// (NumPy, right-aligned) to B×Hq×Sq×Skv, i1 or a float of the inputs' type
/// or f32.
static LogicalResult verifyMask(Operation *op, RankedTensorType mask,
                                ArrayRef<int64_t> scoresShape,
                                Type inputElementType) {
  Type et = mask.getElementType();
  if (!et.isInteger(1) && et != inputElementType && !et.isF32())
    return op->emitOpError()
           << "mask element type must be i1 (keep-mask), " << inputElementType
           << " or f32 (additive), got " << et;
  if (mask.getRank() > 4)
    return op->emitOpError()
           << "mask must have rank <= 4, got rank " << mask.getRank();
  int64_t offset = 4 - mask.getRank();
  for (auto [i, size] : llvm::enumerate(mask.getShape())) {
    int64_t target = scoresShape[offset + i];
    if (size != 1 && !compatible(size, target))
      return op->emitOpError()
             << "mask shape " << shapeStr(mask.getShape())
             << " is not broadcastable to the scores' shape B×Hq×Sq×Skv = "
             << shapeStr(scoresShape) << " (mask dim " << i << " is " << size
             << ", expected 1 or " << sizeStr(target) << ")";
  }
  return success();
}

/// Scale and causal attributes, shared by attn.sdpa and attn.mha.
static LogicalResult verifyScaleAndCausal(Operation *op,
                                          std::optional<APFloat> scale,
                                          bool causal,
                                          std::optional<int64_t> offset) {
  if (scale && !scale->isFiniteNonZero())
    return op->emitOpError("scale must be finite and non-zero");
  if (offset && !causal)
    return op->emitOpError("causal_offset requires the causal attribute");
  return success();
}

/// Head grouping: Hq % Hkv == 0.
static LogicalResult verifyHeadGrouping(Operation *op, int64_t queryHeads,
                                        int64_t kvHeads) {
  if (ShapedType::isDynamic(queryHeads) || ShapedType::isDynamic(kvHeads))
    return success();
  if (kvHeads == 0 || queryHeads % kvHeads != 0)
    return op->emitOpError()
           << "query heads (" << queryHeads
           << ") must be a multiple of key/value heads (" << kvHeads << ")";
  return success();
}

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
  if (failed(verifyDim(op, "key", k, 0, q.getDimSize(0), "the query batch")) ||
      failed(verifyDim(op, "value", v, 0, d.batch, "the batch")) ||
      failed(verifyDim(op, "value", v, 1, k.getDimSize(1), "the key heads")) ||
      failed(verifyDim(op, "value", v, 2, k.getDimSize(2),
                       "the key sequence length")) ||
      failed(verifyDim(op, "key", k, 3, q.getDimSize(3), "the query head dim")))
    return failure();
  if (failed(verifyHeadGrouping(op, d.queryHeads, d.kvHeads)))
    return failure();

  SmallVector<int64_t> expected = {d.batch, d.queryHeads, d.querySeq,
                                   d.valueDim};
  for (unsigned i = 0; i < 4; ++i)
    if (!compatible(out.getDimSize(i), expected[i]))
      return emitOpError() << "result shape " << shapeStr(out.getShape())
                           << " does not match B×Hq×Sq×Dv = "
                           << shapeStr(expected);

  if (Value mask = getMask()) {
    SmallVector<int64_t> scores = {d.batch, d.queryHeads, d.querySeq, d.kvSeq};
    if (failed(
            verifyMask(op, cast<RankedTensorType>(mask.getType()), scores, et)))
      return failure();
  }
  if (!getScale() && ShapedType::isDynamic(d.headDim))
    return emitOpError("needs an explicit scale when the head dim is dynamic");
  return verifyScaleAndCausal(
      op,
      getScaleAttr() ? std::optional<APFloat>(getScaleAttr().getValue())
                     : std::nullopt,
      getCausal(), getCausalOffset());
}

double SdpaOp::getEffectiveScale() {
  if (auto scale = getScaleAttr())
    return scale.getValueAsDouble();
  return 1.0 /
         std::sqrt(static_cast<double>(getQuery().getType().getDimSize(3)));
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

  struct Weight {
    StringRef name;
    Value value;
    int64_t rows, cols;
    StringRef rowsWhat, colsWhat;
  };
  auto out = getResult().getType();
  int64_t outCols =
      cast<RankedTensorType>(getWo().getType()).getRank() == 2
          ? cast<RankedTensorType>(getWo().getType()).getDimSize(1)
          : ShapedType::kDynamic;
  Weight weights[] = {
      {"wq", getWq(), x.getDimSize(2), hq * dh, "the input's model dim",
       "num_heads × head_dim"},
      {"wk", getWk(), kv.getDimSize(2), hkv * dh,
       "the key/value input's model dim", "num_kv_heads × head_dim"},
      {"wv", getWv(), kv.getDimSize(2), hkv * dh,
       "the key/value input's model dim", "num_kv_heads × head_dim"},
      {"wo", getWo(), hq * dh, outCols, "num_heads × head_dim",
       "the output model dim"},
  };
  for (const Weight &w : weights) {
    auto t = cast<RankedTensorType>(w.value.getType());
    if (failed(verifyFloatTensor(op, w.name, t, 2, "rows × columns")) ||
        failed(verifySameElementType(op, w.name, t, "input", et)) ||
        failed(verifyDim(op, w.name, t, 0, w.rows, w.rowsWhat)) ||
        failed(verifyDim(op, w.name, t, 1, w.cols, w.colsWhat)))
      return failure();
  }
  if (failed(verifySameElementType(op, "kv_input", kv, "input", et)) ||
      failed(
          verifyDim(op, "kv_input", kv, 0, x.getDimSize(0), "the input batch")))
    return failure();

  struct Bias {
    StringRef name;
    Value value;
    int64_t size;
    StringRef what;
  };
  Bias biases[] = {{"bias_q", getBq(), hq * dh, "num_heads × head_dim"},
                   {"bias_k", getBk(), hkv * dh, "num_kv_heads × head_dim"},
                   {"bias_v", getBv(), hkv * dh, "num_kv_heads × head_dim"},
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
  SmallVector<int64_t> expected = {x.getDimSize(0), x.getDimSize(1), outCols};
  for (unsigned i = 0; i < 3; ++i)
    if (!compatible(out.getDimSize(i), expected[i]))
      return emitOpError() << "result shape " << shapeStr(out.getShape())
                           << " does not match B×Sq×N = " << shapeStr(expected);

  if (Value mask = getMask()) {
    SmallVector<int64_t> scores = {x.getDimSize(0), hq, x.getDimSize(1),
                                   kv.getDimSize(1)};
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
