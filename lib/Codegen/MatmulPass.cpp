//===- MatmulPass.cpp - attn-matmul-kernel --------------------------------===//
//
// Finds the contractions (MatmulProblem.cpp), chooses how B is read
// (MatmulPack.cpp), fuses the element-wise consumers and emits the kernel
// (MatmulKernel.cpp) in place of the contraction and its fused consumers.
//
//===----------------------------------------------------------------------===//

#include "MatmulProblem.h"

#include "attn/Codegen/Passes.h"
#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/SetVector.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNMATMULKERNEL
#include "attn/Codegen/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::matmul;

namespace {
struct AttnMatmulKernel : attn::impl::AttnMatmulKernelBase<AttnMatmulKernel> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    // lanes= is the older spelling of vector-lanes.
    FailureOr<int64_t> givenLanes = resolveVectorLanes(
        getOperation(), "attn-matmul-kernel", lanes, lanesAlias);
    if (failed(givenLanes))
      return signalPassFailure();
    lanes = *givenLanes;
    KernelShape shape;
    shape.lanes = lanes > 0 ? lanes : getHostVectorLanes();
    shape.rows = rows;
    shape.vectors = vectors;
    shape.mBlock = mBlock;
    shape.nBlock = nBlock;
    shape.minChains = minChains;
    // More accumulators than vector registers would spill in the K loop.
    if (rows < 1 || vectors < 1 || rows * vectors > 32 || mBlock < 1 ||
        nBlock < 1 || lanes < 0 || minChains < 1) {
      module.emitError() << "attn-matmul-kernel: rows ("
                         << static_cast<int64_t>(rows) << ") and vectors ("
                         << static_cast<int64_t>(vectors)
                         << ") must be positive with rows × vectors ≤ 32, "
                            "m-block, n-block and min-chains positive, "
                            "vector-lanes ≥ 0";
      return signalPassFailure();
    }

    // Contractions only: the consumers fused into one are erased with it,
    // and no contraction is another's consumer.
    SmallVector<linalg::LinalgOp> candidates;
    module.walk([&](linalg::LinalgOp op) {
      if (succeeded(matchProblem(op)))
        candidates.push_back(op);
    });
    llvm::SetVector<WeightOp> packedAway;
    for (linalg::LinalgOp op : candidates) {
      FailureOr<Problem> problem = matchProblem(op);
      Epilogue epilogue = collectEpilogue(*problem, fuseEpilogues);
      Operation *last = epilogue.result.getDefiningOp();
      OpBuilder b(last);
      Location loc = op.getLoc();

      BOperand bOperand;
      if (prepackWeights)
        bOperand.value = prepackConstant(b, *problem, shape.nr());
      if (bOperand.value) {
        bOperand.packed = true;
        if (auto ref = problem->b.getDefiningOp<WeightRefOp>())
          if (auto w = SymbolTable::lookupNearestSymbolFrom<WeightOp>(
                  ref, ref.getWeightAttr()))
            packedAway.insert(w);
      } else {
        AffineMap bMap = problem->bMap;
        bool columnsContiguous =
            bMap.getDimPosition(bMap.getNumResults() - 1) == problem->n;
        if (columnsContiguous) {
          bOperand.value = problem->b;
        } else {
          bOperand.value = packAtRunTime(b, loc, *problem, shape.nr());
          bOperand.packed = true;
        }
      }

      Value result = buildKernel(b, loc, *problem, epilogue, bOperand, shape);
      epilogue.result.replaceAllUsesWith(result);
      for (linalg::GenericOp stage : llvm::reverse(epilogue.stages))
        stage->erase();
      Value init = problem->init;
      op->erase();
      // The zero fill of the accumulator is not needed any more.
      if (auto fill = init.getDefiningOp<linalg::FillOp>())
        if (fill->use_empty())
          fill->erase();
    }
    // A weight now read only in its packed form is not emitted twice.
    for (WeightOp w : packedAway) {
      // Dead weight_refs (the matmul's B operand) go first.
      if (auto uses = SymbolTable::getSymbolUses(w, module))
        for (const SymbolTable::SymbolUse &use : *uses)
          if (auto ref = dyn_cast<WeightRefOp>(use.getUser()))
            if (ref->use_empty())
              ref->erase();
      if (SymbolTable::symbolKnownUseEmpty(w, module))
        w->erase();
    }
  }
};
} // namespace
