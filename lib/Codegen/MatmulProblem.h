//===- MatmulProblem.h - a contraction as the matmul kernel sees it -------===//
//
// Internal to lib/Codegen: what attn-matmul-kernel recognizes in a linalg
// op (which loops are M, N, K and which are outer), the element-wise
// consumers it fuses, the register tile, and the builders of the kernel.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_CODEGEN_MATMULPROBLEM_H
#define ATTN_LIB_CODEGEN_MATMULPROBLEM_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Builders.h"

namespace mlir::attn::matmul {

/// A contraction C[outer..., m, n] (+)= Σ_k A[..] · B[..] accumulating in f32.
/// Loop numbers are the op's; each operand is indexed through its map.
struct Problem {
  linalg::LinalgOp op;
  Value a, b, init;
  AffineMap aMap, bMap, cMap;
  /// The loops of C's leading results (batch dims and any further M dims),
  /// in C's order; m and n are C's last two results.
  SmallVector<unsigned> outer;
  unsigned m = 0, n = 0, k = 0;
  /// The loops B depends on besides k and n (batch dims), in B's order.
  SmallVector<unsigned> bBatch;
  /// The init is a zero fill: the accumulators start at 0 and C is not read.
  bool zeroInit = false;
};

/// `op` as a Problem, or failure when the kernel does not apply (not a
/// single-K f32-accumulating multiply-add contraction on tensors whose C
/// ends in (m, n)).
FailureOr<Problem> matchProblem(linalg::LinalgOp op);

/// The element-wise consumers fused after a product, in order; each reads
/// the previous value (the product first) as input `chainInput[i]`.
struct Epilogue {
  SmallVector<linalg::GenericOp> stages;
  SmallVector<unsigned> chainInput;
  /// The value the fused kernel replaces: the last stage's result, or the
  /// product itself.
  Value result;
};

/// The longest chain of fusible element-wise consumers of `p`'s result.
Epilogue collectEpilogue(const Problem &p, bool enabled);

/// The register tile and the parallel blocks (all in elements).
struct KernelShape {
  int64_t lanes = 16, rows = 8, vectors = 2, mBlock = 64, nBlock = 128;
  /// Register tiles of fewer accumulators split K over up to kMaxKSplit
  /// sets of them (independent FMA chains).
  int64_t minChains = 8;
  int64_t nr() const { return lanes * vectors; }
};

/// The most sets of accumulators a register tile splits K over.
constexpr int64_t kMaxKSplit = 4;

/// How the kernel reads B: packed [bBatch..., N/NR, K, NR] (zero-padded), or
/// in place (its columns contiguous: n is the last result of its map).
struct BOperand {
  Value value;
  bool packed = false;
};

/// A constant B (attn.weight or dense arith.constant, static shape) packed
/// at compile time, or a null Value when `p.b` is not such a constant.
Value prepackConstant(OpBuilder &b, const Problem &p, int64_t nr);

/// B packed per call by a linalg.generic (for B whose columns are not
/// contiguous).
Value packAtRunTime(OpBuilder &b, Location loc, const Problem &p, int64_t nr);

/// Builds the kernel at the builder's insertion point; returns the value
/// that replaces `epilogue.result`.
Value buildKernel(OpBuilder &b, Location loc, const Problem &p,
                  const Epilogue &epilogue, const BOperand &bOperand,
                  const KernelShape &shape);

} // namespace mlir::attn::matmul

#endif // ATTN_LIB_CODEGEN_MATMULPROBLEM_H
