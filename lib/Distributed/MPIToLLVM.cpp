//===- MPIToLLVM.cpp - attn-convert-mpi-to-llvm ---------------------------===//
//
// Upstream's MPI to LLVM patterns as a pass: a full conversion of the mpi
// dialect, so an op without a lowering fails the pass instead of surviving
// to the LLVM translation.
//
// Upstream (MLIR 22) passes dimension 0's size as the element count of
// MPI_Send, MPI_Recv and MPI_Allreduce, and ignores the strides: a
// memref<4x8xf32> would send 4 elements, not 32, and the run would silently
// compute with the rest of the buffer unsent. attn's own pattern (tried
// first) hands upstream's a one-dimensional view of every contiguous buffer
// instead, so the count is all of its elements; a buffer that is not
// contiguous is refused before anything is converted.
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/Passes.h"

#include "mlir/Conversion/LLVMCommon/ConversionTarget.h"
#include "mlir/Conversion/LLVMCommon/MemRefBuilder.h"
#include "mlir/Conversion/LLVMCommon/Pattern.h"
#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MPIToLLVM/MPIToLLVM.h"
#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Transforms/DialectConversion.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNCONVERTMPITOLLVM
#include "attn/Distributed/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// The buffers of the mpi ops whose upstream lowering takes the element
/// count from the buffer's dimension 0.
SmallVector<Value> getCountedBuffers(Operation *op) {
  if (auto send = dyn_cast<mpi::SendOp>(op))
    return {send.getRef()};
  if (auto recv = dyn_cast<mpi::RecvOp>(op))
    return {recv.getRef()};
  if (auto reduce = dyn_cast<mpi::AllReduceOp>(op))
    return {reduce.getSendbuf(), reduce.getRecvbuf()};
  return {};
}

/// Whether the buffer's elements are one contiguous row-major run (from its
/// offset on), as MPI's (pointer, count) pair describes them.
bool isContiguous(MemRefType type) {
  if (type.getLayout().isIdentity())
    return true;
  SmallVector<int64_t> strides;
  int64_t offset;
  if (failed(type.getStridesAndOffset(strides, offset)))
    return false;
  int64_t expected = 1;
  for (int64_t dim = type.getRank() - 1; dim >= 0; --dim) {
    int64_t size = type.getDimSize(dim);
    // A dim of size 1 may have any stride.
    if (size != 1 && strides[dim] != expected)
      return false;
    if (dim > 0 && ShapedType::isDynamic(size))
      return false; // the outer strides cannot be checked statically
    expected *= size;
  }
  return true;
}

/// Whether upstream's count (dimension 0's size) would be wrong.
bool needsFlatView(MemRefType type) { return type.getRank() != 1; }

/// Rewrites an mpi op on multi-dimensional (or rank-0) contiguous buffers to
/// the same op on one-dimensional views of them, which upstream's pattern
/// then lowers with the right count. The view shares the descriptor's
/// pointers and offset; its one size is the product of the sizes.
template <typename OpTy>
struct FlattenBuffers : public ConvertOpToLLVMPattern<OpTy> {
  FlattenBuffers(const LLVMTypeConverter &converter)
      : ConvertOpToLLVMPattern<OpTy>(converter, /*benefit=*/2) {}

  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> buffers = getCountedBuffers(op);
    if (llvm::none_of(buffers, [](Value buffer) {
          return needsFlatView(cast<MemRefType>(buffer.getType()));
        }))
      return rewriter.notifyMatchFailure(op, "one-dimensional buffers");
    Location loc = op.getLoc();
    IRMapping mapping;
    for (auto [buffer, converted] :
         llvm::zip_equal(op->getOperands(), adaptor.getOperands())) {
      auto type = dyn_cast<MemRefType>(buffer.getType());
      // The same buffer twice (in-place all-reduce) stays one value, which
      // upstream lowers to MPI_IN_PLACE.
      if (!type || !needsFlatView(type) || mapping.contains(buffer))
        continue;
      MemRefDescriptor source(converted);
      Type i64 = rewriter.getI64Type();
      Value count = LLVM::ConstantOp::create(
          rewriter, loc, i64,
          rewriter.getI64IntegerAttr(
              type.hasStaticShape() ? type.getNumElements() : 1));
      if (!type.hasStaticShape())
        for (int64_t dim = 0; dim < type.getRank(); ++dim)
          count = LLVM::MulOp::create(rewriter, loc, count,
                                      source.size(rewriter, loc, dim));
      auto flatType = MemRefType::get(
          {ShapedType::kDynamic}, type.getElementType(),
          StridedLayoutAttr::get(op.getContext(), ShapedType::kDynamic, {1}),
          type.getMemorySpace());
      Type flatStruct = this->getTypeConverter()->convertType(flatType);
      if (!flatStruct)
        return rewriter.notifyMatchFailure(op, "unconvertible buffer type");
      MemRefDescriptor flat =
          MemRefDescriptor::poison(rewriter, loc, flatStruct);
      flat.setAllocatedPtr(rewriter, loc, source.allocatedPtr(rewriter, loc));
      flat.setAlignedPtr(rewriter, loc, source.alignedPtr(rewriter, loc));
      flat.setOffset(rewriter, loc, source.offset(rewriter, loc));
      flat.setSize(rewriter, loc, 0, count);
      flat.setConstantStride(rewriter, loc, 0, 1);
      Value view = UnrealizedConversionCastOp::create(rewriter, loc, flatType,
                                                      ValueRange{flat})
                       .getResult(0);
      mapping.map(buffer, view);
    }
    Operation *flattened = rewriter.clone(*op, mapping);
    rewriter.replaceOp(op, flattened->getResults());
    return success();
  }
};

/// mpi.comm_size, which upstream MLIR 22 does not lower, as
/// MPI_Comm_size(comm, &size) with MPICH's ABI (an MPI_Comm is an int).
struct CommSizeToCall : public ConvertOpToLLVMPattern<mpi::CommSizeOp> {
  using ConvertOpToLLVMPattern::ConvertOpToLLVMPattern;

  LogicalResult
  matchAndRewrite(mpi::CommSizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Type i32 = rewriter.getI32Type();
    Value comm = adaptor.getComm();
    auto commType = dyn_cast<IntegerType>(comm.getType());
    if (!commType)
      return rewriter.notifyMatchFailure(op, "not an integer communicator");
    if (commType.getWidth() > 32)
      comm = LLVM::TruncOp::create(rewriter, loc, i32, comm);
    auto module = op->getParentOfType<ModuleOp>();
    auto ptrType = LLVM::LLVMPointerType::get(ctx);
    auto fnType = LLVM::LLVMFunctionType::get(i32, {i32, ptrType});
    auto fn = module.lookupSymbol<LLVM::LLVMFuncOp>("MPI_Comm_size");
    if (!fn) {
      OpBuilder::InsertionGuard guard(rewriter);
      rewriter.setInsertionPointToStart(module.getBody());
      fn = LLVM::LLVMFuncOp::create(rewriter, loc, "MPI_Comm_size", fnType);
    }
    Value one = LLVM::ConstantOp::create(rewriter, loc, i32,
                                         rewriter.getI32IntegerAttr(1));
    Value slot = LLVM::AllocaOp::create(rewriter, loc, ptrType, i32, one);
    Value status =
        LLVM::CallOp::create(rewriter, loc, fn, ValueRange{comm, slot})
            .getResult();
    Value size = LLVM::LoadOp::create(rewriter, loc, i32, slot);
    if (op.getRetval())
      rewriter.replaceOp(op, {status, size});
    else
      rewriter.replaceOp(op, size);
    return success();
  }
};

/// The MPI ABI the module's DLTI names (MPICH when none).
StringRef getMPIImplementation(ModuleOp module) {
  if (auto map = module->getAttrOfType<MapAttr>("dlti.map"))
    for (DataLayoutEntryInterface entry : map.getEntries()) {
      auto key = llvm::dyn_cast_if_present<StringAttr>(entry.getKey());
      if (key && key.getValue() == "MPI:Implementation")
        if (auto value = dyn_cast<StringAttr>(entry.getValue()))
          return value.getValue();
    }
  return "MPICH";
}

/// Refuses, with the op's location, buffers MPI cannot take as a pointer
/// and a count.
LogicalResult checkBuffers(ModuleOp module) {
  bool ok = true;
  module.walk(
      [&](Operation *op) {
        for (Value buffer : getCountedBuffers(op)) {
          auto type = cast<MemRefType>(buffer.getType());
          if (isContiguous(type))
            continue;
          op->emitOpError()
              << "buffer of type " << type
              << " is not contiguous: MPI sends and receives a pointer and an "
                 "element count, so copy it into a contiguous buffer first";
          ok = false;
        }
      });
  return success(ok);
}

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
    if (failed(checkBuffers(module)))
      return signalPassFailure();
    bool mpich = getMPIImplementation(module) == "MPICH";
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
    patterns.add<FlattenBuffers<mpi::SendOp>, FlattenBuffers<mpi::RecvOp>,
                 FlattenBuffers<mpi::AllReduceOp>>(converter);
    // attn's own lowering of mpi.comm_size knows MPICH's ABI only; with
    // another it stays illegal and fails the conversion at the op.
    if (mpich)
      patterns.add<CommSizeToCall>(converter);
    mpi::populateMPIToLLVMConversionPatterns(converter, patterns);
    ConversionTarget target(getContext());
    target.addIllegalDialect<mpi::MPIDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
