//===- VectorizeElementwise.cpp - attn-vectorize-elementwise -------------===//
//
// The linalg ops a layer keeps besides its contractions and attention
// (residual adds, layer norms, unfused bias/activation, head transposes,
// fills) tiled over threads and vectorized with upstream mechanisms:
// TilingInterface tiling (scf::tileUsingSCF) to an scf.forall over row
// blocks and an scf.for over chunks of the last loop, then
// linalg::vectorize on each chunk.
//
//===----------------------------------------------------------------------===//

#include "attn/Codegen/Passes.h"
#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNVECTORIZEELEMENTWISE
#include "attn/Codegen/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

/// Ops of fewer (static) iterations run on one thread: starting the
/// threads (a few microseconds) costs more than they would save.
static constexpr int64_t kMinThreadedElements = 8192;

/// Whether the pass handles `op`: on tensors, not already inside a loop (a
/// kernel), every loop parallel but the last, which may be a reduction, and
/// the last loop indexing only the last (contiguous) dim of any operand.
static bool isCandidate(linalg::LinalgOp op) {
  if (!op.hasPureTensorSemantics() || op->getNumResults() == 0)
    return false;
  // Fills stay for the upstream lowering: LLVM turns their loops into
  // memsets already, and (LLVM 22) the JIT's instruction selection aborted
  // on the vectorized form's constant vector stores.
  if (isa<linalg::FillOp>(op))
    return false;
  if (op->getParentOfType<LoopLikeOpInterface>())
    return false;
  unsigned n = op.getNumLoops();
  if (n == 0)
    return false;
  // Bodies that read the iteration point (the untiled attention's causal
  // masks) are left alone: their vector form was not verified to lower.
  if (!op.getBlock()->getOps<linalg::IndexOp>().empty())
    return false;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  for (unsigned i = 0; i + 1 < n; ++i)
    if (iterators[i] != utils::IteratorType::parallel)
      return false;
  // An element-wise op that reads its own output (the untiled attention's
  // in-place softmax steps) is left alone: its vector form did not verify.
  if (iterators.back() == utils::IteratorType::parallel)
    for (OpOperand &init : op.getDpsInitsMutable())
      if (op.payloadUsesValueFromOperand(&init))
        return false;
  for (OpOperand &operand : op->getOpOperands()) {
    // Floating-point data only: an i1 tensor is stored a byte per element,
    // which a vector<Nxi1> load would read as packed bits.
    if (!isa<FloatType>(getElementTypeOrSelf(operand.get().getType())))
      return false;
    AffineMap map = op.getMatchingIndexingMap(&operand);
    if (!map.isProjectedPermutation())
      return false;
    // The last loop is either unused or the operand's last dim.
    for (unsigned r = 0, e = map.getNumResults(); r < e; ++r)
      if (map.getDimPosition(r) == n - 1 && r + 1 != e)
        return false;
  }
  return true;
}

/// Tiles `op` with `sizes` into loops of `loopType`; returns the tiled op
/// (the original is replaced), or null when tiling does not apply.
static Operation *tile(RewriterBase &rewriter, Operation *op,
                       ArrayRef<int64_t> sizes,
                       scf::SCFTilingOptions::LoopType loopType,
                       SmallVectorImpl<Operation *> &loops) {
  auto tileable = dyn_cast<TilingInterface>(op);
  if (!tileable)
    return nullptr;
  scf::SCFTilingOptions options;
  options.setLoopType(loopType);
  options.setTileSizes(getAsIndexOpFoldResult(op->getContext(), sizes));
  rewriter.setInsertionPoint(op);
  FailureOr<scf::SCFTilingResult> tiled =
      scf::tileUsingSCF(rewriter, tileable, options);
  if (failed(tiled) || tiled->tiledOps.empty())
    return nullptr;
  rewriter.replaceOp(op, tiled->replacements);
  for (LoopLikeOpInterface loop : tiled->loops)
    loops.push_back(loop);
  return tiled->tiledOps.back();
}

namespace {
struct AttnVectorizeElementwise
    : attn::impl::AttnVectorizeElementwiseBase<AttnVectorizeElementwise> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // lanes= is the older spelling of vector-lanes.
    FailureOr<int64_t> givenLanes = resolveVectorLanes(
        getOperation(), "attn-vectorize-elementwise", lanes, lanesAlias);
    if (failed(givenLanes))
      return signalPassFailure();
    lanes = *givenLanes;
    int64_t laneCount = lanes > 0 ? lanes : getHostVectorLanes();
    if (lanes < 0 || vectors < 1 || rowsPerTask < 1) {
      module.emitError() << "attn-vectorize-elementwise: vector-lanes must be "
                            "≥ 0, vectors and rows-per-task positive";
      return signalPassFailure();
    }
    int64_t chunk = laneCount * vectors;

    SmallVector<linalg::LinalgOp> candidates;
    module.walk([&](linalg::LinalgOp op) {
      if (isCandidate(op))
        candidates.push_back(op);
    });

    IRRewriter rewriter(&getContext());
    SmallVector<Operation *> loops;
    for (linalg::LinalgOp op : candidates) {
      unsigned n = op.getNumLoops();
      SmallVector<int64_t> ranges = op.getStaticLoopRanges();
      Operation *current = op;
      // Threads over the leading loops; the innermost of them in blocks. An
      // op too small to repay starting the threads runs on one.
      int64_t elements = 1;
      for (int64_t r : ranges)
        elements = ShapedType::isDynamic(r) || ShapedType::isDynamic(elements)
                       ? ShapedType::kDynamic
                       : elements * r;
      bool small =
          !ShapedType::isDynamic(elements) && elements < kMinThreadedElements;
      if (n >= 2 && !small) {
        SmallVector<int64_t> sizes(n, 1);
        sizes[n - 2] = rowsPerTask;
        sizes[n - 1] = 0;
        current = tile(rewriter, current, sizes,
                       scf::SCFTilingOptions::LoopType::ForallOp, loops);
        if (!current)
          continue;
      }
      // Chunks of the last loop: the largest power of two up to `chunk`
      // that divides its (static) length, so that every chunk is whole and
      // no vector needs a mask or has an odd width. A dynamic last loop, or
      // an odd one, is only threaded.
      int64_t width = 1;
      if (!ShapedType::isDynamic(ranges.back()))
        while (width * 2 <= chunk && ranges.back() % (width * 2) == 0)
          width *= 2;
      if (width == 1)
        continue;
      SmallVector<int64_t> sizes(n, 1);
      sizes.back() = width;
      current = tile(rewriter, current, sizes,
                     scf::SCFTilingOptions::LoopType::ForOp, loops);
      if (!current)
        continue;
      // The chunk as a generic without its unit dims (rank-reducing
      // slices), so that its vectors are 1-D: what the LLVM conversion
      // takes without unrolling n-D vectors.
      rewriter.setInsertionPoint(current);
      auto generic = dyn_cast<linalg::GenericOp>(current);
      if (!generic) {
        FailureOr<linalg::GenericOp> generalized = linalg::generalizeNamedOp(
            rewriter, cast<linalg::LinalgOp>(current));
        if (failed(generalized))
          continue;
        generic = *generalized;
      }
      linalg::ControlDropUnitDims control;
      control.rankReductionStrategy = linalg::ControlDropUnitDims::
          RankReductionStrategy::ExtractInsertSlice;
      FailureOr<linalg::DropUnitDimsResult> dropped =
          linalg::dropUnitDims(rewriter, generic, control);
      if (succeeded(dropped)) {
        rewriter.replaceOp(generic, dropped->replacements);
        current = dropped->resultOp;
      } else {
        current = generic;
      }
      // One loop (the chunk) is left unless it, too, had one iteration; a
      // chunk whose body cannot be vectorized stays a (threaded) scalar
      // loop nest.
      if (cast<linalg::LinalgOp>(current).getNumLoops() != 1 ||
          cast<linalg::LinalgOp>(current).hasDynamicShape())
        continue;
      SmallVector<int64_t> vectorSizes = {width};
      if (failed(linalg::vectorizeOpPrecondition(current, vectorSizes)))
        continue;
      rewriter.setInsertionPoint(current);
      FailureOr<linalg::VectorizationResult> vectorized =
          linalg::vectorize(rewriter, current, vectorSizes);
      if (failed(vectorized))
        continue;
      rewriter.replaceOp(current, vectorized->replacements);
    }

    // The chunks' multi-dim reductions become vector.reduction, only inside
    // the new loops (the attention and matmul kernels are not touched).
    llvm::SetVector<Operation *> ops;
    for (Operation *loop : loops)
      loop->walk([&](Operation *inner) {
        if (isa<vector::VectorDialect>(inner->getDialect()))
          ops.insert(inner);
      });
    if (ops.empty())
      return;
    GreedyRewriteConfig config;
    config.setStrictness(GreedyRewriteStrictness::ExistingAndNewOps);
    RewritePatternSet lowering(&getContext());
    vector::populateVectorMultiReductionLoweringPatterns(
        lowering, vector::VectorMultiReductionLowering::InnerReduction);
    (void)applyOpPatternsGreedily(ops.getArrayRef(), std::move(lowering),
                                  config);
    // A chunk's sum is reassociated (a tree of vector adds, then one
    // horizontal step) rather than added element by element in order:
    // that is the point of vectorizing it, and the rounding differs only
    // as any other summation order does.
    for (Operation *loop : loops)
      loop->walk([&](vector::ReductionOp reduction) {
        reduction.setFastmath(arith::FastMathFlags::reassoc);
      });
  }
};
} // namespace
