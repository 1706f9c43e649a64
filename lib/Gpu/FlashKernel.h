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
  /// Whether the tensor-core kernel (buildMmaFlashBlock) computes it.
  bool mma = false;

  int64_t numQueryBlocks() const {
    return (querySeq + queryBlock - 1) / queryBlock;
  }
  /// Threads per block: a thread per row, or a warp per 16 rows (mma).
  int64_t threads() const { return mma ? 2 * queryBlock : queryBlock; }
  /// Shared memory for the Q, K and V tiles, in bytes.
  int64_t sharedMemoryBytes() const;
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

  // Warp collectives of the tensor-core kernel (32 lanes per warp; `tid` is
  // the thread's index in the block, its lane tid mod 32).

  /// ldmatrix: lane `lane`'s part of `numTiles` 8×8 matrices of 16-bit
  /// elements in the shared `smem`, row r of matrix i being where
  /// `rowAddress(8·i + r)` (a lane index) points. Returns
  /// vector<2·numTiles × T> whose element 2i+e is matrix i's element
  /// (lane/4, 2·(lane mod 4)+e), or with `transpose` (2·(lane mod 4)+e,
  /// lane/4). Called inside forEachThread.
  virtual Value
  loadMatrix(OpBuilder &b, Location loc, Value smem, Value tid,
             int64_t numTiles, bool transpose,
             function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value)>
                 rowAddress) = 0;
  /// mma.sync m16n8k16 with f32 accumulation for thread `tid`'s warp:
  /// C += A·B on the fragments that the warp's lanes hold in state buffers
  /// (slots × n): A (8 elements of a 16×16 f16/bf16 tile) at `aBuf[aOff]`,
  /// B (4 elements of 16×8) at `bBuf[bOff]`, C (4 f32 of 16×8) at
  /// `cBuf[cOff]`, laid out as PTX's mma.m16n8k16 fragments. The A and B
  /// fragments must have been written before the current stretch. Called
  /// inside forEachThread.
  virtual void mma(OpBuilder &b, Location loc, Value tid, Value aBuf,
                   int64_t aOff, Value bBuf, int64_t bOff, Value cBuf,
                   int64_t cOff) = 0;
  /// Elements [0, n) of every thread's slot of `buf` (slots × n, f32)
  /// become their max (or sum) over the thread's quad (lanes 4i..4i+3),
  /// combined as a butterfly: with lane xor 1, then with lane xor 2.
  /// Called outside forEachThread (on the CPU it is two stretches).
  virtual void quadAllReduce(OpBuilder &b, Location loc, Value buf, int64_t n,
                             bool max) = 0;
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

/// The memories of the tensor-core kernel. Shared: `sharedQK` holds the Q
/// tile, then each K tile (max(queryBlock, kvBlock) × (D + pad)); `sharedV`
/// each V tile (kvBlock × (Dv + pad)), both in the operands' element type.
/// Per-thread state (slots × n; see MmaStateSizes): the warp's fragments.
struct MmaBuffers {
  Value query, key, value, out, mask;
  Value sharedQK, sharedV;
  Value queryFrags, operandFrags, scores, probs, acc, rowMax, rowSum, exchange;
};

/// Elements per thread of each MmaBuffers state buffer, in order.
SmallVector<int64_t> mmaStateSizes(const FlashShape &shape);
/// The padding of a shared-memory row, in elements (16 bytes, so that the
/// 8 rows an ldmatrix reads fall in distinct banks).
constexpr int64_t kMmaRowPad = 8;
/// Shared memory of the tensor-core kernel (16-bit elements), in bytes.
int64_t mmaSharedMemoryBytes(const FlashShape &shape);

/// Emits the body of one thread block of the tensor-core kernel for f16 or
/// bf16 operands (D, Dv, queryBlock and kvBlock multiples of 16): warp w of
/// the block's 2 · queryBlock threads owns rows [16w, 16w + 16), both GEMMs
/// are mma.sync m16n8k16 with f32 accumulators, P stays in registers.
/// `asyncCopies` (the GPU): the tiles are staged with cp.async.
void buildMmaFlashBlock(OpBuilder &b, Location loc, const FlashShape &shape,
                        const MmaBuffers &buffers, ThreadModel &model,
                        Value queryBlockId, Value batchHeadId,
                        bool asyncCopies);

/// The block's (batch, query head, key/value head), first row, the end of
/// the keys it sees and its number of key/value blocks.
struct BlockCoords {
  Value batch, head, kvHead, rowStart, offset, numKvBlocks;
  OpFoldResult kvEnd;
};
BlockCoords buildBlockCoords(OpBuilder &b, Location loc,
                             const FlashShape &shape, Value queryBlockId,
                             Value batchHeadId);
/// The mask's value for (batch, head, row, key), rows and keys past the
/// ends clamped (their scores are never used).
Value loadMaskValue(OpBuilder &b, Location loc, const FlashShape &shape,
                    Value mask, Value batch, Value head, Value row, Value key);

/// Emits the body of one thread block at (query block `queryBlockId`,
/// batch · head `batchHeadId`).
void buildFlashBlock(OpBuilder &b, Location loc, const FlashShape &shape,
                     const FlashBuffers &buffers, ThreadModel &model,
                     Value queryBlockId, Value batchHeadId,
                     bool alignedGlobalLoads);

} // namespace mlir::attn::gpu_flash

#endif // ATTN_LIB_GPU_FLASHKERNEL_H
