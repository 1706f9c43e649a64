//===- MatmulProblem.cpp - recognizing contractions and their epilogues ---===//
//
// attn-matmul-kernel takes a contraction when its loops split into outer
// (batch) dims, one M, one N and one K dim, C is indexed (outer..., m, n),
// and the body is a multiply-add in f32 (operands possibly widened by
// arith.extf). That covers linalg.matmul, batch_matmul, their transposed
// forms and the contraction generics attn's decompositions write.
//
//===----------------------------------------------------------------------===//

#include "MatmulProblem.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::matmul;

/// `v` without the arith.extf that widens it.
static Value stripExt(Value v) {
  if (auto ext = v.getDefiningOp<arith::ExtFOp>())
    return ext.getIn();
  return v;
}

/// Whether the body is yield(out + a·b) (either order) with a and b the
/// first two block arguments, possibly widened.
static bool isMultiplyAddBody(Block &body) {
  auto yield = dyn_cast<linalg::YieldOp>(body.getTerminator());
  if (!yield || yield.getNumOperands() != 1)
    return false;
  auto add = yield.getOperand(0).getDefiningOp<arith::AddFOp>();
  if (!add)
    return false;
  Value out = body.getArgument(2);
  Value other;
  if (add.getLhs() == out)
    other = add.getRhs();
  else if (add.getRhs() == out)
    other = add.getLhs();
  else
    return false;
  auto mul = other.getDefiningOp<arith::MulFOp>();
  if (!mul)
    return false;
  Value x = stripExt(mul.getLhs()), y = stripExt(mul.getRhs());
  Value a = body.getArgument(0), b = body.getArgument(1);
  return (x == a && y == b) || (x == b && y == a);
}

static bool isKernelElementType(Type t) {
  return t.isF32() || t.isF16() || t.isBF16();
}

FailureOr<Problem> matmul::matchProblem(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op.getNumDpsInputs() != 2 ||
      op.getNumDpsInits() != 1 || op->getNumResults() != 1)
    return failure();
  if (!op.getBlock() || !isMultiplyAddBody(*op.getBlock()))
    return failure();
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!llvm::all_of(maps,
                    [](AffineMap m) { return m.isProjectedPermutation(); }))
    return failure();
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims) || dims->k.size() != 1 || dims->n.size() != 1 ||
      dims->m.empty())
    return failure();

  Problem p;
  p.op = op;
  p.a = op.getDpsInputOperand(0)->get();
  p.b = op.getDpsInputOperand(1)->get();
  p.init = op.getDpsInitOperand(0)->get();
  p.aMap = maps[0];
  p.bMap = maps[1];
  p.cMap = maps[2];
  p.k = dims->k[0];
  p.n = dims->n[0];
  auto elementOf = [](Value v) {
    return cast<RankedTensorType>(v.getType()).getElementType();
  };
  if (!isKernelElementType(elementOf(p.a)) ||
      !isKernelElementType(elementOf(p.b)) || !elementOf(p.init).isF32())
    return failure();

  // C is (outer..., m, n) with m one of the M dims.
  unsigned rank = p.cMap.getNumResults();
  if (rank < 2 || p.cMap.getDimPosition(rank - 1) != p.n)
    return failure();
  p.m = p.cMap.getDimPosition(rank - 2);
  if (!llvm::is_contained(dims->m, p.m))
    return failure();
  for (unsigned i = 0; i + 2 < rank; ++i)
    p.outer.push_back(p.cMap.getDimPosition(i));
  for (unsigned i = 0, e = p.bMap.getNumResults(); i < e; ++i) {
    unsigned d = p.bMap.getDimPosition(i);
    if (d != p.k && d != p.n)
      p.bBatch.push_back(d);
  }
  p.zeroInit = matchPattern(p.init, m_AnyZeroFloat());
  if (auto fill = p.init.getDefiningOp<linalg::FillOp>())
    p.zeroInit = matchPattern(fill.value(), m_AnyZeroFloat());
  return p;
}

/// Whether `op` may run on vectors lane by lane: an arith or math op
/// without regions on scalars.
static bool isVectorizableScalarOp(Operation &op) {
  if (!isa<arith::ArithDialect, math::MathDialect>(op.getDialect()) ||
      op.getNumRegions() != 0)
    return false;
  auto scalar = [](Type t) { return t.isIntOrIndexOrFloat() && !t.isIndex(); };
  return llvm::all_of(op.getResultTypes(), scalar) &&
         llvm::all_of(op.getOperandTypes(), scalar);
}

/// The input of `stage` that reads `chain`, when `stage` can be applied to
/// the product's accumulator tile (see attn-matmul-kernel's description).
static std::optional<unsigned> fusibleInput(linalg::GenericOp stage,
                                            Value chain, unsigned rank) {
  if (!stage.hasPureTensorSemantics() || stage.getNumDpsInits() != 1 ||
      stage.getNumLoops() != rank ||
      stage.getNumParallelLoops() != stage.getNumLoops())
    return std::nullopt;
  if (!stage.getMatchingIndexingMap(stage.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  Block &body = *stage.getBlock();
  if (!body.getArguments().back().use_empty())
    return std::nullopt;
  for (Operation &op : body.without_terminator())
    if (!isVectorizableScalarOp(op))
      return std::nullopt;
  std::optional<unsigned> chainInput;
  for (OpOperand *input : stage.getDpsInputOperands()) {
    AffineMap map = stage.getMatchingIndexingMap(input);
    if (input->get() == chain) {
      if (chainInput || !map.isIdentity())
        return std::nullopt;
      chainInput = input->getOperandNumber();
      continue;
    }
    if (!isa<RankedTensorType>(input->get().getType()) ||
        !map.isProjectedPermutation())
      return std::nullopt;
    // The column dim, if read, must be the operand's innermost one so that
    // a tile's columns are one vector read.
    for (unsigned r = 0, e = map.getNumResults(); r + 1 < e; ++r)
      if (map.getDimPosition(r) == rank - 1)
        return std::nullopt;
  }
  return chainInput;
}

Epilogue matmul::collectEpilogue(const Problem &p, bool enabled) {
  Epilogue e;
  Value chain = p.op->getResult(0);
  unsigned rank = p.cMap.getNumResults();
  while (enabled && chain.hasOneUse()) {
    auto stage = dyn_cast<linalg::GenericOp>(*chain.getUsers().begin());
    if (!stage)
      break;
    std::optional<unsigned> input = fusibleInput(stage, chain, rank);
    if (!input)
      break;
    e.stages.push_back(stage);
    e.chainInput.push_back(*input);
    chain = stage->getResult(0);
  }
  e.result = chain;
  return e;
}
