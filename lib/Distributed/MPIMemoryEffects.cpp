//===- MPIMemoryEffects.cpp - what mpi ops do to their buffers ------------===//
//
// MemoryEffectOpInterface for the mpi ops that take buffers: a send reads
// its buffer, a receive writes it, an all-reduce reads one and writes the
// other (the same one, in place, as convert-shard-to-mpi emits it). Each
// also writes the default resource without a value: communicating is a side
// effect of its own, which keeps the op from being erased or reordered.
//
//===----------------------------------------------------------------------===//

#include "attn/Distributed/MPIMemoryEffects.h"

#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace {

using Effects =
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>;

void communicates(Effects &effects) {
  effects.emplace_back(MemoryEffects::Write::get(),
                       SideEffects::DefaultResource::get());
}

template <typename Op, bool Reads>
struct BufferModel
    : public MemoryEffectOpInterface::ExternalModel<BufferModel<Op, Reads>,
                                                    Op> {
  void getEffects(Operation *op, Effects &effects) const {
    OpOperand &buffer = cast<Op>(op).getRefMutable();
    if (Reads)
      effects.emplace_back(MemoryEffects::Read::get(), &buffer,
                           SideEffects::DefaultResource::get());
    else
      effects.emplace_back(MemoryEffects::Write::get(), &buffer,
                           SideEffects::DefaultResource::get());
    communicates(effects);
  }
};

struct AllReduceModel
    : public MemoryEffectOpInterface::ExternalModel<AllReduceModel,
                                                    mpi::AllReduceOp> {
  void getEffects(Operation *op, Effects &effects) const {
    auto reduce = cast<mpi::AllReduceOp>(op);
    effects.emplace_back(MemoryEffects::Read::get(),
                         &reduce.getSendbufMutable(),
                         SideEffects::DefaultResource::get());
    effects.emplace_back(MemoryEffects::Write::get(),
                         &reduce.getRecvbufMutable(),
                         SideEffects::DefaultResource::get());
    communicates(effects);
  }
};

} // namespace

void mlir::attn::registerMPIMemoryEffectsExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, mpi::MPIDialect *) {
    mpi::AllReduceOp::attachInterface<AllReduceModel>(*ctx);
    mpi::SendOp::attachInterface<BufferModel<mpi::SendOp, true>>(*ctx);
    mpi::ISendOp::attachInterface<BufferModel<mpi::ISendOp, true>>(*ctx);
    mpi::RecvOp::attachInterface<BufferModel<mpi::RecvOp, false>>(*ctx);
    mpi::IRecvOp::attachInterface<BufferModel<mpi::IRecvOp, false>>(*ctx);
  });
}
