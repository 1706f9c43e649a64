//===- RaiseExpr.cpp - element-wise expressions across linalg ops ---------===//

#include "RaiseExpr.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SmallBitVector.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn::raise;

std::optional<double> mlir::attn::raise::constantValue(Value v) {
  FloatAttr f;
  if (matchPattern(v, m_Constant(&f)))
    return f.getValueAsDouble();
  APInt i;
  if (matchPattern(v, m_ConstantInt(&i)))
    return i.getBitWidth() == 1 ? double(i.getBoolValue())
                                : double(i.getSExtValue());
  // A splat tensor constant (a rank-0 or broadcast scale).
  DenseElementsAttr dense;
  if (matchPattern(v, m_Constant(&dense)) && dense.isSplat()) {
    Type t = dense.getElementType();
    if (isa<FloatType>(t))
      return dense.getSplatValue<APFloat>().convertToDouble();
    if (t.isInteger(1))
      return double(dense.getSplatValue<bool>());
    if (isa<IntegerType, IndexType>(t))
      return double(dense.getSplatValue<APInt>().getSExtValue());
  }
  return std::nullopt;
}

Expr *ExprGraph::make(Expr::Kind kind) {
  nodes.emplace_back();
  nodes.back().kind = kind;
  return &nodes.back();
}

Expr *ExprGraph::leaf(Value tensor, AffineMap map) {
  Expr *e = make(Expr::Kind::Leaf);
  e->value = tensor;
  e->type = getElementTypeOrSelf(tensor.getType());
  e->map = map;
  return e;
}

Expr *ExprGraph::constant(double value, Type type) {
  Expr *e = make(Expr::Kind::Const);
  e->constant = value;
  e->type = type;
  return e;
}

Expr *ExprGraph::bodyValue(Value v, linalg::LinalgOp op,
                           AffineMap loopsFromFrame, unsigned numFrameDims) {
  if (auto arg = dyn_cast<BlockArgument>(v)) {
    if (arg.getOwner() == op.getBlock()) {
      OpOperand *operand = op.getMatchingOpOperand(arg);
      Value source = operand->get();
      if (!isa<ShapedType>(source.getType()))
        return bodyValue(source, op, loopsFromFrame, numFrameDims);
      AffineMap map = op.getMatchingIndexingMap(operand);
      return leaf(source, map.compose(loopsFromFrame));
    }
  }
  if (std::optional<double> c = constantValue(v))
    return constant(*c, v.getType());
  Operation *def = v.getDefiningOp();
  if (!def || !op->isProperAncestor(def)) {
    Expr *e = make(Expr::Kind::Opaque);
    e->value = v;
    e->type = v.getType();
    return e;
  }
  if (auto index = dyn_cast<linalg::IndexOp>(def)) {
    Expr *e = make(Expr::Kind::Index);
    e->index = loopsFromFrame.getResult(index.getDim());
    e->type = v.getType();
    return e;
  }
  Expr *e = make(Expr::Kind::Op);
  e->op = def;
  e->value = v;
  e->type = v.getType();
  for (Value operand : def->getOperands())
    e->operands.push_back(bodyValue(operand, op, loopsFromFrame, numFrameDims));
  return e;
}

/// The map from a reshape's result indices to its source's, when the sizes
/// it needs are static: an expanded group reads its source dim at the
/// linearized index (unit dims, always 0, left out), a collapsed group
/// delinearizes (unit source dims read at 0).
static std::optional<AffineMap> reshapeSourceMap(Operation *op) {
  auto expand = dyn_cast<tensor::ExpandShapeOp>(op);
  auto collapse = dyn_cast<tensor::CollapseShapeOp>(op);
  if (!expand && !collapse)
    return std::nullopt;
  auto src = cast<RankedTensorType>(op->getOperand(0).getType());
  auto res = cast<RankedTensorType>(op->getResult(0).getType());
  MLIRContext *ctx = op->getContext();
  SmallVector<ReassociationIndices> groups =
      expand ? expand.getReassociationIndices()
             : collapse.getReassociationIndices();
  SmallVector<AffineExpr> results(src.getRank(), getAffineConstantExpr(0, ctx));
  for (auto [g, group] : llvm::enumerate(groups)) {
    // The expanded side's sizes from the innermost dim out.
    RankedTensorType wide = expand ? res : src;
    int64_t stride = 1;
    SmallVector<std::pair<int64_t, int64_t>> parts; // (dim, stride)
    for (int64_t d : llvm::reverse(group)) {
      int64_t size = wide.getDimSize(d);
      if (size == 1)
        continue;
      parts.push_back({d, stride});
      if (ShapedType::isDynamic(size) || ShapedType::isDynamic(stride)) {
        stride = ShapedType::kDynamic;
        continue;
      }
      stride *= size;
    }
    if (parts.size() > 1 && llvm::any_of(parts, [&](auto p) {
          return ShapedType::isDynamic(p.second) ||
                 (!expand && ShapedType::isDynamic(wide.getDimSize(p.first)));
        }))
      return std::nullopt;
    if (expand) {
      AffineExpr sum = getAffineConstantExpr(0, ctx);
      for (auto [d, st] : parts)
        sum = sum + getAffineDimExpr(d, ctx) * st;
      results[g] = sum;
    } else {
      AffineExpr r = getAffineDimExpr(g, ctx);
      // The outermost part needs no modulo: the index is in range.
      for (auto [n, part] : llvm::enumerate(parts))
        results[part.first] =
            parts.size() == 1 ? r
            : n + 1 == parts.size()
                ? r.floorDiv(part.second)
                : r.floorDiv(part.second) % src.getDimSize(part.first);
    }
  }
  return AffineMap::get(res.getRank(), 0, results, ctx);
}

Expr *ExprGraph::expand(Expr *e, SmallVectorImpl<Operation *> *visited) {
  if (e->kind != Expr::Kind::Leaf)
    return nullptr;
  if (std::optional<double> c = constantValue(e->value))
    return constant(*c, e->type);
  // Reshapes (TOSA's keep-dim reductions, torch-mlir's views) only rename
  // indices: read their source.
  if (Operation *def = e->value.getDefiningOp())
    if (std::optional<AffineMap> m = reshapeSourceMap(def)) {
      if (visited)
        visited->push_back(def);
      return leaf(def->getOperand(0), m->compose(e->map));
    }
  auto op = e->value.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() ||
      op.getNumLoops() != op.getNumParallelLoops())
    return nullptr;
  auto result = cast<OpResult>(e->value);
  OpOperand *init = op.getDpsInitOperand(result.getResultNumber());
  AffineMap outMap = op.getMatchingIndexingMap(init);
  if (!outMap.isPermutation())
    return nullptr;
  AffineMap loopsFromFrame = inversePermutation(outMap).compose(e->map);
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  if (visited)
    visited->push_back(op);
  return bodyValue(yield.getOperand(result.getResultNumber()), op,
                   loopsFromFrame, e->map.getNumDims());
}

Expr *ExprGraph::look(Expr *e, SmallVectorImpl<Operation *> *visited) {
  while (Expr *next = expand(e, visited))
    e = next;
  return e;
}

std::optional<Reduction> ExprGraph::reduction(Expr *e, unsigned preferredAxis) {
  if (e->kind != Expr::Kind::Leaf)
    return std::nullopt;
  auto op = e->value.getDefiningOp<linalg::LinalgOp>();
  if (!op || !op.hasPureTensorSemantics() || op.getNumReductionLoops() != 1 ||
      op.getNumDpsInits() != 1 || op.getNumDpsInputs() != 1)
    return std::nullopt;
  SmallVector<unsigned> reduced;
  op.getReductionDims(reduced);
  unsigned r = reduced.front();
  unsigned numFrameDims = e->map.getNumDims();
  MLIRContext *ctx = e->map.getContext();

  // The frame dim the leaf does not read is the reduced one. A size-1 dim
  // may be read at 0 (a broadcast) too: then the preferred axis, if unread.
  llvm::SmallBitVector used = dimsUsed(e, numFrameDims);
  if (used.all())
    return std::nullopt;
  unsigned axis = used.find_first_unset();
  if (used.count() + 1 != numFrameDims) {
    if (preferredAxis >= numFrameDims || used.test(preferredAxis))
      return std::nullopt;
    axis = preferredAxis;
  }

  // Frame → loops: each kept loop is the frame dim that reads its result dim.
  OpOperand *init = op.getDpsInitOperand(0);
  AffineMap outMap = op.getMatchingIndexingMap(init);
  SmallVector<AffineExpr> loops(op.getNumLoops(),
                                getAffineConstantExpr(0, ctx));
  loops[r] = getAffineDimExpr(axis, ctx);
  for (auto [p, x] : llvm::enumerate(outMap.getResults())) {
    auto d = dyn_cast<AffineDimExpr>(x);
    if (!d)
      continue;
    if (d.getPosition() == r)
      return std::nullopt;
    loops[d.getPosition()] = e->map.getResult(p);
  }
  AffineMap loopsFromFrame = AffineMap::get(numFrameDims, 0, loops, ctx);

  // The body: yield(combiner(f(input), accumulator)).
  auto yield = cast<linalg::YieldOp>(op.getBlock()->getTerminator());
  Operation *combiner = yield.getOperand(0).getDefiningOp();
  if (!combiner || combiner->getNumOperands() != 2)
    return std::nullopt;
  Reduction red;
  if (isa<arith::AddFOp>(combiner))
    red.kind = Reduction::Kind::Sum;
  else if (isa<arith::MaximumFOp, arith::MaxNumFOp>(combiner))
    red.kind = Reduction::Kind::Max;
  else
    return std::nullopt;
  BlockArgument acc = op.getMatchingBlockArgument(init);
  Value in;
  if (combiner->getOperand(1) == acc)
    in = combiner->getOperand(0);
  else if (combiner->getOperand(0) == acc)
    in = combiner->getOperand(1);
  else
    return std::nullopt;
  red.input = bodyValue(in, op, loopsFromFrame, numFrameDims);
  red.axis = axis;
  red.op = op;
  // The initial value: a fill or a splat constant.
  Value initValue = init->get();
  if (auto fill = initValue.getDefiningOp<linalg::FillOp>())
    red.init = constantValue(fill.getInputs()[0]);
  else
    red.init = constantValue(initValue);
  return red;
}

bool ExprGraph::equal(Expr *a, Expr *b, int depth) {
  if (a == b)
    return true;
  if (a->kind == Expr::Kind::Leaf && b->kind == Expr::Kind::Leaf &&
      a->value == b->value && a->map == b->map)
    return true;
  if (depth == 0)
    return false;
  if (a->kind == Expr::Kind::Leaf)
    if (Expr *x = expand(a))
      return equal(x, b, depth - 1);
  if (b->kind == Expr::Kind::Leaf)
    if (Expr *x = expand(b))
      return equal(a, x, depth - 1);
  if (a->kind != b->kind)
    return false;
  switch (a->kind) {
  case Expr::Kind::Leaf:
    return false;
  case Expr::Kind::Const:
    return a->constant == b->constant;
  case Expr::Kind::Index:
    return a->index == b->index;
  case Expr::Kind::Opaque:
    return a->value == b->value;
  case Expr::Kind::Op:
    if (a->op->getName() != b->op->getName() ||
        a->op->getAttrDictionary() != b->op->getAttrDictionary() ||
        a->operands.size() != b->operands.size())
      return false;
    for (auto [x, y] : llvm::zip(a->operands, b->operands))
      if (!equal(x, y, depth - 1))
        return false;
    return true;
  }
  return false;
}

llvm::SmallBitVector ExprGraph::dimsUsed(Expr *e, unsigned numDims) {
  llvm::SmallBitVector used(numDims);
  auto addExpr = [&](AffineExpr x) {
    x.walk([&](AffineExpr sub) {
      if (auto d = dyn_cast<AffineDimExpr>(sub))
        used.set(d.getPosition());
    });
  };
  if (e->kind == Expr::Kind::Leaf)
    for (AffineExpr x : e->map.getResults())
      addExpr(x);
  if (e->kind == Expr::Kind::Index)
    addExpr(e->index);
  for (Expr *o : e->operands)
    used |= dimsUsed(o, numDims);
  return used;
}

Expr *ExprGraph::reframe(Expr *e, AffineMap map) {
  Expr *copy = make(e->kind);
  *copy = *e;
  if (e->kind == Expr::Kind::Leaf)
    copy->map = e->map.compose(map);
  if (e->kind == Expr::Kind::Index)
    copy->index = e->index.compose(map);
  for (Expr *&o : copy->operands)
    o = reframe(o, map);
  return copy;
}

/// The value of a constant tensor's element, if `value` is one.
static std::optional<double> constantElement(Value value,
                                             ArrayRef<int64_t> indices) {
  DenseElementsAttr dense;
  if (!matchPattern(value, m_Constant(&dense)))
    return std::nullopt;
  auto type = cast<ShapedType>(dense.getType());
  int64_t linear = 0;
  for (auto [i, size] : llvm::enumerate(type.getShape())) {
    if (indices[i] < 0 || indices[i] >= size)
      return std::nullopt;
    linear = linear * size + indices[i];
  }
  if (dense.isSplat())
    linear = 0;
  Type t = dense.getElementType();
  if (isa<FloatType>(t))
    return (*(dense.getValues<APFloat>().begin() + linear)).convertToDouble();
  if (t.isInteger(1))
    return double(*(dense.getValues<bool>().begin() + linear));
  if (isa<IntegerType>(t))
    return double(
        (*(dense.getValues<APInt>().begin() + linear)).getSExtValue());
  return std::nullopt;
}

std::optional<double> ExprGraph::evaluate(Expr *e, ArrayRef<int64_t> point) {
  switch (e->kind) {
  case Expr::Kind::Const:
    return e->constant;
  case Expr::Kind::Opaque:
    return std::nullopt;
  case Expr::Kind::Index: {
    AffineMap m = AffineMap::get(point.size(), 0, e->index);
    return double(m.compose(point).front());
  }
  case Expr::Kind::Leaf: {
    if (std::optional<double> c =
            constantElement(e->value, e->map.compose(point)))
      return c;
    if (Expr *x = expand(e))
      return evaluate(x, point);
    return std::nullopt;
  }
  case Expr::Kind::Op:
    break;
  }
  SmallVector<double, 3> v;
  for (Expr *o : e->operands) {
    std::optional<double> x = evaluate(o, point);
    if (!x)
      return std::nullopt;
    v.push_back(*x);
  }
  Operation *op = e->op;
  if (isa<arith::ExtFOp, arith::TruncFOp, arith::SIToFPOp, arith::UIToFPOp,
          arith::IndexCastOp, arith::ExtSIOp, arith::ExtUIOp, arith::FPToSIOp>(
          op))
    return v[0];
  if (isa<arith::AddFOp, arith::AddIOp>(op))
    return v[0] + v[1];
  if (isa<arith::SubFOp, arith::SubIOp>(op))
    return v[0] - v[1];
  if (isa<arith::MulFOp, arith::MulIOp>(op))
    return v[0] * v[1];
  if (isa<arith::DivFOp>(op))
    return v[0] / v[1];
  if (isa<arith::NegFOp>(op))
    return -v[0];
  if (isa<arith::MaximumFOp, arith::MaxNumFOp, arith::MaxSIOp>(op))
    return std::max(v[0], v[1]);
  if (isa<arith::MinimumFOp, arith::MinNumFOp, arith::MinSIOp>(op))
    return std::min(v[0], v[1]);
  if (isa<arith::SelectOp>(op))
    return v[0] != 0 ? v[1] : v[2];
  if (isa<arith::XOrIOp>(op))
    return double(int64_t(v[0]) ^ int64_t(v[1]));
  if (isa<arith::AndIOp>(op))
    return double(int64_t(v[0]) & int64_t(v[1]));
  if (isa<arith::OrIOp>(op))
    return double(int64_t(v[0]) | int64_t(v[1]));
  if (isa<math::ExpOp>(op))
    return std::exp(v[0]);
  if (auto cmp = dyn_cast<arith::CmpIOp>(op)) {
    switch (cmp.getPredicate()) {
    case arith::CmpIPredicate::eq:
      return v[0] == v[1];
    case arith::CmpIPredicate::ne:
      return v[0] != v[1];
    case arith::CmpIPredicate::slt:
    case arith::CmpIPredicate::ult:
      return v[0] < v[1];
    case arith::CmpIPredicate::sle:
    case arith::CmpIPredicate::ule:
      return v[0] <= v[1];
    case arith::CmpIPredicate::sgt:
    case arith::CmpIPredicate::ugt:
      return v[0] > v[1];
    case arith::CmpIPredicate::sge:
    case arith::CmpIPredicate::uge:
      return v[0] >= v[1];
    }
  }
  if (auto cmp = dyn_cast<arith::CmpFOp>(op)) {
    switch (cmp.getPredicate()) {
    case arith::CmpFPredicate::OEQ:
    case arith::CmpFPredicate::UEQ:
      return v[0] == v[1];
    case arith::CmpFPredicate::ONE:
    case arith::CmpFPredicate::UNE:
      return v[0] != v[1];
    case arith::CmpFPredicate::OLT:
    case arith::CmpFPredicate::ULT:
      return v[0] < v[1];
    case arith::CmpFPredicate::OLE:
    case arith::CmpFPredicate::ULE:
      return v[0] <= v[1];
    case arith::CmpFPredicate::OGT:
    case arith::CmpFPredicate::UGT:
      return v[0] > v[1];
    case arith::CmpFPredicate::OGE:
    case arith::CmpFPredicate::UGE:
      return v[0] >= v[1];
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}
