//===- FlashKernel.h - the block-mapped flash attention loop nest -*- C++
//-*-===//
//
// One statement of the FlashAttention-2 style mapping of attn.sdpa onto
// thread blocks, written once and emitted two ways by a ThreadModel:
//
//   - on the GPU: inside a gpu.launch, each thread runs the body with its
//     gpu.thread_id, shared memory and the per-thread state are the launch's
//     workgroup and private attributions, and the stretches are separated by
//     gpu.barrier;
//   - on the CPU (emulation): inside an scf.forall over the grid, each
//     stretch between two barriers is an scf.for over the block's threads,
//     and the per-thread state is a buffer indexed by the thread.
//
// Because the tile bounds, the causal key/value bound, the staging and the
// per-row online softmax are built by the same code in both cases, running
// the emulation against the reference verifies the GPU kernel's mapping.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_GPU_FLASHKERNEL_H
#define ATTN_LIB_GPU_FLASHKERNEL_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/IR/Value.h"

#include <optional>

namespace mlir::attn::gpu_flash {

/// The static problem and the tiles of one kernel.
struct FlashShape {
  int64_t batch, queryHeads, kvHeads, querySeq, kvSeq, headDim, valueDim;
  int64_t queryBlock; ///< rows per thread block = threads per block
  int64_t kvBlock;    ///< keys per shared-memory K/V tile
  std::optional<int64_t> causalOffset; ///< set when causal
  double scale;
  /// The mask operand's type (rank ≤ 4, broadcast to B×Hq×Sq×Skv), if any:
  /// a keep-mask (i1) or an additive f32 bias.
  RankedTensorType maskType;

  int64_t numQueryBlocks() const {
    return (querySeq + queryBlock - 1) / queryBlock;
  }
  /// Shared memory for the Q, K and V tiles (f32), in bytes.
  int64_t sharedMemoryBytes() const {
    return 4 * (queryBlock * headDim + kvBlock * (headDim + valueDim));
  }
};

/// How the block's threads, barriers and memories are emitted.
class ThreadModel {
public:
  virtual ~ThreadModel() = default;
  /// Emits `body` for every thread of the block (its thread index passed).
  virtual void
  forEachThread(OpBuilder &b, Location loc,
                function_ref<void(OpBuilder &, Location, Value)> body) = 0;
  /// Ends a stretch: what one thread wrote before is visible to all after.
  virtual void barrier(OpBuilder &b, Location loc) = 0;
  /// The index of thread `tid`'s slot in the per-thread state buffers.
  virtual Value stateSlot(OpBuilder &b, Location loc, Value tid) = 0;
};

/// The memories the kernel body uses, made by the caller for its model.
struct FlashBuffers {
  Value query, key, value, out;    ///< B×H×S×D memrefs (global)
  Value mask;                      ///< the mask's memref (global), or null
  Value sharedQ, sharedK, sharedV; ///< queryBlock×D, kvBlock×D, kvBlock×Dv
  /// Running max and sum: N×f32; accumulator: N×Dv×f32, where N is 1 on the
  /// GPU (per-thread private memory) and queryBlock in the emulation.
  Value rowMax, rowSum, acc;
};

/// Emits the body of one thread block at (query block `queryBlockId`,
/// batch · head `batchHeadId`).
void buildFlashBlock(OpBuilder &b, Location loc, const FlashShape &shape,
                     const FlashBuffers &buffers, ThreadModel &model,
                     Value queryBlockId, Value batchHeadId,
                     bool alignedGlobalLoads);

} // namespace mlir::attn::gpu_flash

#endif // ATTN_LIB_GPU_FLASHKERNEL_H
