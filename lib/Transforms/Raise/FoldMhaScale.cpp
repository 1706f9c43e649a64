//===- FoldMhaScale.cpp - the softmax scale folded into constant Wq/bq ----===//
//
// scale · (x·Wq + bq)·Kᵀ = (x·(scale·Wq) + scale·bq)·Kᵀ: when Wq (and bq, if
// any) are constants, attn-raise writes them pre-scaled and sets the raised
// attn.mha's scale to 1, so the kernel has no factor to apply to the scores.
// Wq is read through what the raise put around the constant: a column
// slice (fused QKV), a transpose (torch's out×in layout) and casts. Only
// f32 `dense<…>` constants are folded (a `dense_resource` blob is not read).
//
//===----------------------------------------------------------------------===//

#include "RaiseMha.h"

#include "attn/Dialect/Attn/AttnSemantics.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {

/// A row-major matrix (a vector when rows == 1) read from a constant.
struct Matrix {
  int64_t rows = 0, cols = 0;
  SmallVector<float> values;
};

/// The values of `v` when it is an f32 constant of rank 1 or 2, read
/// through casts, 2-d transposes and static unit-stride slices.
std::optional<Matrix> readConstant(Value v) {
  if (auto cast = v.getDefiningOp<tensor::CastOp>())
    return readConstant(cast.getSource());
  if (auto t = v.getDefiningOp<linalg::TransposeOp>()) {
    std::optional<Matrix> m = readConstant(t.getInput());
    if (!m || llvm::equal(t.getPermutation(),
                          llvm::seq<int64_t>(0, t.getPermutation().size())))
      return m;
    if (!llvm::equal(t.getPermutation(), ArrayRef<int64_t>{1, 0}))
      return std::nullopt;
    Matrix out{m->cols, m->rows, SmallVector<float>(m->values.size())};
    for (int64_t r = 0; r < m->rows; ++r)
      for (int64_t c = 0; c < m->cols; ++c)
        out.values[c * m->rows + r] = m->values[r * m->cols + c];
    return out;
  }
  if (auto slice = v.getDefiningOp<tensor::ExtractSliceOp>()) {
    if (!slice.hasUnitStride() ||
        slice.getType().getRank() != slice.getSourceType().getRank())
      return std::nullopt;
    std::optional<Matrix> m = readConstant(slice.getSource());
    if (!m)
      return std::nullopt;
    ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                      sizes = slice.getStaticSizes();
    if (llvm::any_of(offsets, ShapedType::isDynamic) ||
        llvm::any_of(sizes, ShapedType::isDynamic))
      return std::nullopt;
    int64_t r0 = offsets.size() == 2 ? offsets[0] : 0,
            rows = sizes.size() == 2 ? sizes[0] : 1;
    int64_t c0 = offsets.back(), cols = sizes.back();
    Matrix out{rows, cols, {}};
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        out.values.push_back(m->values[(r0 + r) * m->cols + c0 + c]);
    return out;
  }
  auto cst = v.getDefiningOp<arith::ConstantOp>();
  auto dense = cst ? dyn_cast<DenseFPElementsAttr>(cst.getValue()) : nullptr;
  if (!dense || !dense.getElementType().isF32() ||
      dense.getType().getRank() > 2 || dense.getType().getRank() == 0)
    return std::nullopt;
  Matrix m;
  ArrayRef<int64_t> shape = dense.getType().getShape();
  m.rows = shape.size() == 2 ? shape[0] : 1;
  m.cols = shape.back();
  for (float x : dense.getValues<float>())
    m.values.push_back(x);
  return m;
}

/// `m` times `scale` as a constant of `type`.
Value scaledConstant(RewriterBase &rewriter, Location loc, const Matrix &m,
                     float scale, RankedTensorType type) {
  SmallVector<float> values;
  for (float x : m.values)
    values.push_back(x * scale);
  auto attr = DenseElementsAttr::get(type, ArrayRef<float>(values));
  return arith::ConstantOp::create(rewriter, loc, type, attr);
}

} // namespace

bool mlir::attn::raise::foldScaleIntoQuery(RewriterBase &rewriter, MhaOp op) {
  auto wqType = cast<RankedTensorType>(op.getWq().getType());
  if (!wqType.getElementType().isF32() || !wqType.hasStaticShape())
    return false;
  std::optional<Matrix> wq = readConstant(op.getWq());
  if (!wq)
    return false;
  std::optional<Matrix> bq;
  if (Value b = op.getBq()) {
    bq = readConstant(b);
    if (!bq || !cast<RankedTensorType>(b.getType()).hasStaticShape())
      return false;
  }
  // attn.mha's default scale is attn.sdpa's, 1/sqrt(head_dim).
  float scale = op.getScale() ? op.getScale()->convertToFloat()
                              : 1.0f / std::sqrt(float(op.getHeadDim()));
  rewriter.setInsertionPoint(op);
  Location loc = op.getLoc();
  Value newWq = scaledConstant(rewriter, loc, *wq, scale, wqType);
  Value newBq =
      bq ? scaledConstant(rewriter, loc, *bq, scale,
                          cast<RankedTensorType>(op.getBq().getType()))
         : Value();
  Value oldWq = op.getWq(), oldBq = op.getBq();
  rewriter.modifyOpInPlace(op, [&] {
    op.getWqMutable().assign(newWq);
    if (newBq)
      op.getBqMutable().assign(newBq);
    op.setScaleAttr(rewriter.getF32FloatAttr(1.0f));
  });
  // The unscaled constants and the views the raise made of them, when
  // nothing else reads them.
  for (Value v : {oldWq, oldBq}) {
    while (v && v.use_empty() && v.getDefiningOp() &&
           isa<tensor::ExtractSliceOp, tensor::CastOp, linalg::TransposeOp,
               arith::ConstantOp>(v.getDefiningOp())) {
      Operation *def = v.getDefiningOp();
      Value next = def->getNumOperands() ? def->getOperand(0) : Value();
      rewriter.eraseOp(def);
      v = next;
    }
  }
  return true;
}
