//===- MPIToLLVM.cpp - attn-convert-mpi-to-llvm
//----------------------------===//
//
// Upstream's MPI to LLVM patterns as a pass: a full conversion of the mpi
// dialect, so an op without a lowering fails the pass instead of surviving
// to the LLVM translation.
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/Passes.h"

#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MPIToLLVM/MPIToLLVM.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNCONVERTMPITOLLVM
#include "attn/Distributed/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

struct AttnConvertMPIToLLVMPass
    : public attn::impl::AttnConvertMPIToLLVMBase<AttnConvertMPIToLLVMPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool any = false;
    module.walk([&](Operation *op) {
      any |= isa<mpi::MPIDialect>(op->getDialect());
      return any ? WalkResult::interrupt() : WalkResult::advance();
    });
    if (!any)
      return;
    // The lowering reads the MPI ABI from the module's DLTI and fails
    // without any: MPICH unless the module names another.
    if (!module->hasAttr("dlti.map"))
      module->setAttr(
          "dlti.map",
          MapAttr::get(&getContext(),
                       {DataLayoutEntryAttr::get(
                           StringAttr::get(&getContext(), "MPI:Implementation"),
                           StringAttr::get(&getContext(), "MPICH"))}));
    LLVMTypeConverter converter(&getContext());
    RewritePatternSet patterns(&getContext());
    mpi::populateMPIToLLVMConversionPatterns(converter, patterns);
    ConversionTarget target(getContext());
    target.addIllegalDialect<mpi::MPIDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
