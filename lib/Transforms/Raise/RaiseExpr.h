//===- RaiseExpr.h - element-wise expressions across linalg ops -*- C++ -*-===//
//
// attn-raise recognizes attention in graphs whose element-wise steps may be
// spread over many ops (torch-mlir writes one linalg.generic per PyTorch op)
// or fused into one (after linalg's element-wise fusion). To see through both,
// it reads a tensor as an expression evaluated at every point of a *frame*
// (an iteration space): a leaf is a tensor read through an affine map from the
// frame to its indices, and a leaf produced by an element-wise linalg op can
// be expanded into that op's body, its own operands read through composed
// maps. Reductions are read the same way, with their reduced loop bound to a
// frame dim. Nothing here changes the IR.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TRANSFORMS_RAISE_RAISEEXPR_H
#define ATTN_LIB_TRANSFORMS_RAISE_RAISEEXPR_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Value.h"

#include <deque>
#include <optional>

namespace mlir::attn::raise {

/// A node of an element-wise expression over a frame.
struct Expr {
  enum class Kind {
    /// `value` (a tensor) read at `map(frame point)`.
    Leaf,
    /// A scalar constant `constant` of type `type` (float, integer or i1).
    Const,
    /// The frame coordinate `index` (an affine expression of frame dims).
    Index,
    /// A scalar op of a linalg body (`op`) applied to `operands`.
    Op,
    /// A scalar value that is not a constant (a function argument, ...).
    Opaque,
  };
  Kind kind;
  Value value;
  AffineMap map;
  AffineExpr index;
  double constant = 0;
  Type type;
  Operation *op = nullptr;
  SmallVector<Expr *, 3> operands;

  bool isConst(double c) const { return kind == Kind::Const && constant == c; }
  /// The op kind of an Op node, e.g. isOp<arith::MulFOp>().
  template <typename OpTy> bool isOp() const {
    return kind == Kind::Op && isa<OpTy>(op);
  }
};

/// A reduction read in a frame: `input` combined with `combiner` along the
/// frame dim `axis`, starting from `init`.
struct Reduction {
  enum class Kind { Sum, Max };
  Kind kind;
  Expr *input;
  unsigned axis;
  std::optional<double> init;
  Operation *op;
};

/// Builds and owns expressions; records the ops it looked into.
class ExprGraph {
public:
  /// `tensor` read through `map` (frame dims → its indices).
  Expr *leaf(Value tensor, AffineMap map);
  Expr *constant(double value, Type type);

  /// The producer of a leaf in the leaf's frame when it is element-wise (a
  /// linalg op with only parallel loops and a permutation output map: generic,
  /// transpose, broadcast, fill, named element-wise ops) or a splat constant;
  /// nullptr otherwise. The expanded op is appended to `visited` if given.
  Expr *expand(Expr *leaf, SmallVectorImpl<Operation *> *visited = nullptr);

  /// `e` expanded while it is an expandable leaf.
  Expr *look(Expr *e, SmallVectorImpl<Operation *> *visited = nullptr);

  /// The reduction producing `leaf`'s tensor read in the leaf's frame: a
  /// linalg op with one reduction loop whose body combines its input with the
  /// accumulator by addf (Sum) or maximumf/maxnumf (Max). The reduced loop is
  /// bound to the one frame dim that `leaf`'s map does not read (or to
  /// `preferredAxis` when it is among several: size-1 dims read at 0).
  std::optional<Reduction> reduction(Expr *leaf, unsigned preferredAxis = ~0u);

  /// Structural equality, looking into leaves when they differ.
  bool equal(Expr *a, Expr *b, int depth = 8);

  /// Frame dims (bit set) that `e` reads, through leaves and indices, without
  /// expanding.
  llvm::SmallBitVector dimsUsed(Expr *e, unsigned numDims);

  /// `e` with every map and index composed with `map` (a new frame whose dims
  /// `map` sends to the old frame's): the same expression in another frame.
  Expr *reframe(Expr *e, AffineMap map);

  /// Evaluates `e` at `point` (frame coordinates): leaves must be constant
  /// tensors, ops arith/math scalar ops. nullopt when it cannot.
  std::optional<double> evaluate(Expr *e, ArrayRef<int64_t> point);

private:
  Expr *make(Expr::Kind kind);
  Expr *bodyValue(Value v, linalg::LinalgOp op, AffineMap loopsFromFrame,
                  unsigned numFrameDims);
  std::deque<Expr> nodes;
};

/// The constant a scalar value holds (float or integer), if any.
std::optional<double> constantValue(Value v);

} // namespace mlir::attn::raise

#endif // ATTN_LIB_TRANSFORMS_RAISE_RAISEEXPR_H
