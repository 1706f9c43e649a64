//===- MapSdpaToGpu.cpp - attn.sdpa → a flash kernel in a gpu.launch ------===//
//
// The pass makes the buffers and the launch (or, with `emulate`, the CPU
// loops) around the kernel body that FlashKernel.cpp builds. The tensors
// stay tensors outside: the operands enter through bufferization.to_buffer
// and the result leaves through bufferization.to_tensor, so one-shot
// bufferization of the rest of the function sees ordinary ops.
//
//===----------------------------------------------------------------------===//

#include "FlashKernel.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Gpu/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNMAPSDPATOGPU
#include "attn/Gpu/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::gpu_flash;

namespace {

/// The GPU: one gpu.thread_id per thread, gpu.barrier, state in the
/// thread's private memory (slot 0).
struct GpuThreads : ThreadModel {
  void forEachThread(
      OpBuilder &b, Location loc,
      function_ref<void(OpBuilder &, Location, Value)> body) override {
    body(b, loc, gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x));
  }
  void barrier(OpBuilder &b, Location loc) override {
    gpu::BarrierOp::create(b, loc);
  }
  Value stateSlot(OpBuilder &b, Location loc, Value) override {
    return arith::ConstantIndexOp::create(b, loc, 0);
  }
  Value
  loadMatrix(OpBuilder &b, Location loc, Value smem, Value tid,
             int64_t numTiles, bool transpose,
             function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value)>
                 rowAddress) override {
    Value lane = affine::makeComposedAffineApply(
        b, loc, b.getAffineDimExpr(0) % 32, {tid});
    auto [row, col] = rowAddress(b, loc, lane);
    Type elem = cast<MemRefType>(smem.getType()).getElementType();
    Value m = nvgpu::LdMatrixOp::create(
        b, loc, VectorType::get({numTiles, 2}, elem), smem,
        ValueRange{row, col}, transpose, numTiles);
    return vector::ShapeCastOp::create(
        b, loc, VectorType::get({2 * numTiles}, elem), m);
  }
  /// nvvm.mma.sync on the fragments' registers: f16 pairs as vector<2xf16>,
  /// bf16 pairs packed in an i32 (the form MLIR 22's NVVM dialect accepts
  /// for bf16; nvgpu.mma.sync does not lower for bf16).
  void mma(OpBuilder &b, Location loc, Value, Value aBuf, int64_t aOff,
           Value bBuf, int64_t bOff, Value cBuf, int64_t cOff) override {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    // Element by element, as the kernel accesses its state (registers).
    auto load = [&](Value buf, int64_t off, int64_t n) -> Value {
      Type elem = cast<MemRefType>(buf.getType()).getElementType();
      SmallVector<Value> elems;
      for (int64_t i = 0; i < n; ++i)
        elems.push_back(memref::LoadOp::create(
            b, loc, buf,
            ValueRange{zero, arith::ConstantIndexOp::create(b, loc, off + i)}));
      return vector::FromElementsOp::create(b, loc, VectorType::get({n}, elem),
                                            elems);
    };
    Type elem = cast<MemRefType>(aBuf.getType()).getElementType();
    auto registers = [&](Value v, int64_t n) {
      SmallVector<Value> regs;
      for (int64_t i = 0; i < n; ++i) {
        Value pair = vector::ExtractStridedSliceOp::create(
            b, loc, v, ArrayRef<int64_t>{2 * i}, ArrayRef<int64_t>{2},
            ArrayRef<int64_t>{1});
        if (elem.isBF16()) {
          Value packed = vector::BitCastOp::create(
              b, loc, VectorType::get({1}, b.getI32Type()), pair);
          pair = vector::ExtractOp::create(b, loc, packed, 0);
        }
        regs.push_back(pair);
      }
      return regs;
    };
    SmallVector<Value> a = registers(load(aBuf, aOff, 8), 4);
    SmallVector<Value> bRegs = registers(load(bBuf, bOff, 4), 2);
    Value cVec = load(cBuf, cOff, 4);
    SmallVector<Value> c;
    for (int64_t i = 0; i < 4; ++i)
      c.push_back(vector::ExtractOp::create(b, loc, cVec, i));
    Type f32 = b.getF32Type();
    auto resultType =
        LLVM::LLVMStructType::getLiteral(b.getContext(), {f32, f32, f32, f32});
    NVVM::MMATypes type =
        elem.isBF16() ? NVVM::MMATypes::bf16 : NVVM::MMATypes::f16;
    Value d = NVVM::MmaOp::create(
        b, loc, resultType, a, bRegs, c, ArrayRef<int64_t>{16, 8, 16},
        std::nullopt, std::nullopt, std::array<NVVM::MMATypes, 2>{type, type},
        std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                       NVVM::MMALayout::col});
    SmallVector<Value> out;
    for (int64_t i = 0; i < 4; ++i)
      out.push_back(LLVM::ExtractValueOp::create(b, loc, d, i));
    for (int64_t i = 0; i < 4; ++i)
      memref::StoreOp::create(
          b, loc, out[i], cBuf,
          ValueRange{zero, arith::ConstantIndexOp::create(b, loc, cOff + i)});
  }
  void quadAllReduce(OpBuilder &b, Location loc, Value buf, int64_t n,
                     bool max) override {
    Value zero = arith::ConstantIndexOp::create(b, loc, 0);
    for (int64_t i = 0; i < n; ++i) {
      Value at = arith::ConstantIndexOp::create(b, loc, i);
      Value v = memref::LoadOp::create(b, loc, buf, ValueRange{zero, at});
      for (int32_t mask : {1, 2}) {
        Value other =
            gpu::ShuffleOp::create(b, loc, v, mask, 32, gpu::ShuffleMode::XOR)
                .getShuffleResult();
        v = max ? arith::MaximumFOp::create(b, loc, v, other).getResult()
                : arith::AddFOp::create(b, loc, v, other).getResult();
      }
      memref::StoreOp::create(b, loc, v, buf, ValueRange{zero, at});
    }
  }
};

/// The CPU: each stretch between barriers is a loop over the threads, whose
/// state lives in slot `tid` of the block's buffers.
struct LoopThreads : ThreadModel {
  int64_t threads;
  explicit LoopThreads(int64_t threads) : threads(threads) {}
  void forEachThread(
      OpBuilder &b, Location loc,
      function_ref<void(OpBuilder &, Location, Value)> body) override {
    scf::ForOp::create(b, loc, arith::ConstantIndexOp::create(b, loc, 0),
                       arith::ConstantIndexOp::create(b, loc, threads),
                       arith::ConstantIndexOp::create(b, loc, 1), ValueRange(),
                       [&](OpBuilder &b, Location loc, Value tid, ValueRange) {
                         body(b, loc, tid);
                         scf::YieldOp::create(b, loc);
                       });
  }
  void barrier(OpBuilder &, Location) override {}
  Value stateSlot(OpBuilder &, Location, Value tid) override { return tid; }

  /// Lane `lane` reads, from the rows the warp's lanes point at, the
  /// elements ldmatrix gives it (PTX ISA, "ldmatrix").
  Value
  loadMatrix(OpBuilder &b, Location loc, Value smem, Value tid,
             int64_t numTiles, bool transpose,
             function_ref<std::pair<Value, Value>(OpBuilder &, Location, Value)>
                 rowAddress) override {
    AffineExpr t = b.getAffineDimExpr(0);
    Value lane = apply(b, loc, t % 32, tid);
    SmallVector<Value> elems;
    for (int64_t i = 0; i < numTiles; ++i)
      for (int64_t e = 0; e < 2; ++e) {
        // The lane that names the row, and the column within the row.
        Value provider = apply(
            b, loc, transpose ? 8 * i + (t % 4) * 2 + e : 8 * i + t.floorDiv(4),
            lane);
        Value within =
            apply(b, loc, transpose ? t.floorDiv(4) : (t % 4) * 2 + e, lane);
        auto [row, col] = rowAddress(b, loc, provider);
        Value c = arith::AddIOp::create(b, loc, col, within);
        elems.push_back(
            memref::LoadOp::create(b, loc, smem, ValueRange{row, c}));
      }
    Type elem = cast<MemRefType>(smem.getType()).getElementType();
    return vector::FromElementsOp::create(
        b, loc, VectorType::get({2 * numTiles}, elem), elems);
  }

  /// mma.sync as the contraction it computes: lane (g, t) of the warp
  /// holds C's elements (g + 8r, 2t + e); each is summed over k from the
  /// A and B elements that the warp's lanes hold (PTX ISA, "Matrix
  /// fragments for mma.m16n8k16"): A(row, k) in lane 4·(row mod 8) +
  /// (k mod 8)/2, register (row ≥ 8) + 2·(k ≥ 8); B(k, n) in lane
  /// 4n + (k mod 8)/2, register (k ≥ 8); element k mod 2 of the register.
  void mma(OpBuilder &b, Location loc, Value tid, Value aBuf, int64_t aOff,
           Value bBuf, int64_t bOff, Value cBuf, int64_t cOff) override {
    AffineExpr t = b.getAffineDimExpr(0), k = b.getAffineDimExpr(1);
    Type f32 = b.getF32Type();
    for (int64_t r = 0; r < 2; ++r)
      for (int64_t e = 0; e < 2; ++e) {
        Value cAt = arith::ConstantIndexOp::create(b, loc, cOff + 2 * r + e);
        Value c = memref::LoadOp::create(b, loc, cBuf, ValueRange{tid, cAt});
        auto loop = scf::ForOp::create(
            b, loc, arith::ConstantIndexOp::create(b, loc, 0),
            arith::ConstantIndexOp::create(b, loc, 16),
            arith::ConstantIndexOp::create(b, loc, 1), ValueRange{c},
            [&](OpBuilder &b, Location loc, Value kv, ValueRange sum) {
              auto at = [&](AffineExpr expr) {
                return getValueOrCreateConstantIndexOp(
                    b, loc,
                    affine::makeComposedFoldedAffineApply(
                        b, loc, AffineMap::get(2, 0, expr),
                        ArrayRef<OpFoldResult>{tid, kv}));
              };
              Value aLane = at(t.floorDiv(4) * 4 + (k % 8).floorDiv(2));
              Value aAt = at(aOff + 2 * (r + 2 * k.floorDiv(8)) + k % 2);
              Value bLane = at(t.floorDiv(32) * 32 + ((t % 4) * 2 + e) * 4 +
                               (k % 8).floorDiv(2));
              Value bAt = at(bOff + 2 * k.floorDiv(8) + k % 2);
              Value x =
                  memref::LoadOp::create(b, loc, aBuf, ValueRange{aLane, aAt});
              Value y =
                  memref::LoadOp::create(b, loc, bBuf, ValueRange{bLane, bAt});
              x = arith::ExtFOp::create(b, loc, f32, x);
              y = arith::ExtFOp::create(b, loc, f32, y);
              Value next = arith::AddFOp::create(
                  b, loc, sum[0], arith::MulFOp::create(b, loc, x, y));
              scf::YieldOp::create(b, loc, next);
            });
        memref::StoreOp::create(b, loc, loop.getResult(0), cBuf,
                                ValueRange{tid, cAt});
      }
  }

  /// The butterfly as two stretches through `scratch` (threads × 2).
  void quadAllReduce(OpBuilder &b, Location loc, Value buf, int64_t n,
                     bool max) override {
    auto step = [&](Value from, Value to, int64_t mask) {
      forEachThread(b, loc, [&](OpBuilder &b, Location loc, Value tid) {
        Value other = arith::XOrIOp::create(
            b, loc, tid, arith::ConstantIndexOp::create(b, loc, mask));
        for (int64_t i = 0; i < n; ++i) {
          Value at = arith::ConstantIndexOp::create(b, loc, i);
          Value x = memref::LoadOp::create(b, loc, from, ValueRange{tid, at});
          Value y = memref::LoadOp::create(b, loc, from, ValueRange{other, at});
          Value v = max ? arith::MaximumFOp::create(b, loc, x, y).getResult()
                        : arith::AddFOp::create(b, loc, x, y).getResult();
          memref::StoreOp::create(b, loc, v, to, ValueRange{tid, at});
        }
      });
    };
    step(buf, scratch, 1);
    step(scratch, buf, 2);
  }

  /// threads × 2 f32, for quadAllReduce.
  Value scratch;

private:
  static Value apply(OpBuilder &b, Location loc, AffineExpr expr, Value v) {
    return getValueOrCreateConstantIndexOp(
        b, loc,
        affine::makeComposedFoldedAffineApply(b, loc, expr,
                                              ArrayRef<OpFoldResult>{v}));
  }
};

struct MapSdpaToGpuPass
    : mlir::attn::impl::AttnMapSdpaToGpuBase<MapSdpaToGpuPass> {
  using Base::Base;
  void runOnOperation() override;

  /// The kernel's shape for `op`, or a located error saying what the GPU
  /// path does not support.
  FailureOr<FlashShape> getShape(SdpaOp op);
  void rewrite(SdpaOp op, const FlashShape &shape);
};

} // namespace

FailureOr<FlashShape> MapSdpaToGpuPass::getShape(SdpaOp op) {
  auto fail = [&](const Twine &why) {
    op.emitError() << "attn-map-sdpa-to-gpu: " << why;
    return failure();
  };
  for (Value operand : {op.getQuery(), op.getKey(), op.getValue()}) {
    Type elem = cast<ShapedType>(operand.getType()).getElementType();
    if (elem.isF32() || elem.isF16() || elem.isBF16())
      continue;
    std::string name;
    llvm::raw_string_ostream(name) << elem;
    return fail("unsupported element type " + name +
                ": the GPU kernel takes f32, f16 or bf16 Q, K and V");
  }
  if (Value mask = op.getMask()) {
    auto maskType = cast<RankedTensorType>(mask.getType());
    Type elem = maskType.getElementType();
    if (!elem.isInteger(1) && !isa<FloatType>(elem))
      return fail("the GPU kernel takes an i1 keep-mask or a float bias");
    if (!maskType.hasStaticShape())
      return fail("the GPU kernel needs static shapes (the mask's too)");
  }
  SdpaDims d = SdpaDims::get(op);
  for (int64_t size : {d.batch, d.queryHeads, d.kvHeads, d.querySeq, d.kvSeq,
                       d.headDim, d.valueDim})
    if (ShapedType::isDynamic(size))
      return fail("the GPU kernel needs static shapes");
  if (op.getCausal() && !getStaticCausalOffset(op))
    return fail("the GPU kernel needs a static causal offset");
  if (queryBlock <= 0 || queryBlock > 1024)
    return fail("query-block must be in [1, 1024] (it is the number of "
                "threads per block), got " +
                Twine(queryBlock));

  FlashShape shape;
  shape.batch = d.batch;
  shape.queryHeads = d.queryHeads;
  shape.kvHeads = d.kvHeads;
  shape.querySeq = d.querySeq;
  shape.kvSeq = d.kvSeq;
  shape.headDim = d.headDim;
  shape.valueDim = d.valueDim;
  shape.queryBlock = queryBlock;
  shape.causalOffset =
      op.getCausal() ? getStaticCausalOffset(op) : std::nullopt;
  shape.scale = op.getScale() ? op.getScale()->convertToDouble()
                              : defaultScale(d.headDim);
  shape.kvBlock = kvBlock;
  if (Value mask = op.getMask())
    shape.maskType = cast<RankedTensorType>(mask.getType());
  // f16/bf16 throughout: the tensor-core kernel, when its tiles fit the
  // m16n8k16 shapes (an explicit kv-block that is not a multiple of 16
  // picks the FMA kernel).
  Type elem = cast<ShapedType>(op.getQuery().getType()).getElementType();
  bool sameTypes = llvm::all_of(
      ValueRange{op.getKey(), op.getValue(), op.getResult()}, [&](Value v) {
        return cast<ShapedType>(v.getType()).getElementType() == elem;
      });
  shape.mma = tensorCores && (elem.isF16() || elem.isBF16()) && sameTypes &&
              d.headDim % 16 == 0 && d.valueDim % 16 == 0 &&
              queryBlock % 16 == 0 && queryBlock <= 512 && kvBlock % 16 == 0;
  if (shape.kvBlock <= 0) {
    // The largest power of two up to 64 keys whose tiles fit (16 at least
    // for the tensor-core kernel).
    shape.kvBlock = 64;
    int64_t smallest = shape.mma ? 16 : 1;
    while (shape.kvBlock > smallest && shape.sharedMemoryBytes() > sharedMemory)
      shape.kvBlock /= 2;
  }
  if (shape.sharedMemoryBytes() > sharedMemory) {
    if (shape.mma)
      return fail("the tiles do not fit in shared memory: the tensor-core "
                  "kernel's Q/K tile (max(query-block " +
                  Twine(shape.queryBlock) + ", kv-block " +
                  Twine(shape.kvBlock) +
                  ") rows) and V tile (kv-block rows) "
                  "of head dims " +
                  Twine(d.headDim) + " and " + Twine(d.valueDim) +
                  " (+ 8 padding) need " + Twine(shape.sharedMemoryBytes()) +
                  " bytes, more than the " + Twine(sharedMemory) +
                  " of shared-memory; use a smaller query-block or kv-block");
    return fail("the tiles do not fit in shared memory: query-block " +
                Twine(shape.queryBlock) + " × head dim " + Twine(d.headDim) +
                " and kv-block " + Twine(shape.kvBlock) + " × (" +
                Twine(d.headDim) + " + " + Twine(d.valueDim) + ") f32 need " +
                Twine(shape.sharedMemoryBytes()) + " bytes, more than the " +
                Twine(sharedMemory) +
                " of shared-memory; use a smaller query-block or kv-block");
  }
  return shape;
}

void MapSdpaToGpuPass::rewrite(SdpaOp op, const FlashShape &shape) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  auto memrefOf = [](Value tensor) {
    auto type = cast<RankedTensorType>(tensor.getType());
    return MemRefType::get(type.getShape(), type.getElementType());
  };
  Value q = bufferization::ToBufferOp::create(b, loc, memrefOf(op.getQuery()),
                                              op.getQuery(), true);
  Value k = bufferization::ToBufferOp::create(b, loc, memrefOf(op.getKey()),
                                              op.getKey(), true);
  Value v = bufferization::ToBufferOp::create(b, loc, memrefOf(op.getValue()),
                                              op.getValue(), true);
  Value mask;
  if (op.getMask())
    mask = bufferization::ToBufferOp::create(b, loc, memrefOf(op.getMask()),
                                             op.getMask(), true);
  MemRefType outType = memrefOf(op.getResult());
  Value out = memref::AllocOp::create(b, loc, outType);
  auto c = [&](int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  };
  Type f32 = b.getF32Type();
  Type elem = cast<MemRefType>(q.getType()).getElementType();
  auto sharedTypes = [&](Attribute space) {
    if (shape.mma)
      return SmallVector<Type>{
          MemRefType::get({std::max(shape.queryBlock, shape.kvBlock),
                           shape.headDim + kMmaRowPad},
                          elem, nullptr, space),
          MemRefType::get({shape.kvBlock, shape.valueDim + kMmaRowPad}, elem,
                          nullptr, space)};
    return SmallVector<Type>{
        MemRefType::get({shape.headDim, shape.queryBlock}, f32, nullptr, space),
        MemRefType::get({shape.kvBlock, shape.headDim}, f32, nullptr, space),
        MemRefType::get({shape.kvBlock, shape.valueDim}, f32, nullptr, space)};
  };
  auto stateTypes = [&](int64_t slots, Attribute space) {
    if (shape.mma) {
      // The fragments of Q, K/V and P in the operands' type; scores,
      // accumulators and the softmax state in f32.
      SmallVector<Type> types;
      Type elems[] = {elem, elem, f32, elem, f32, f32, f32, f32};
      for (auto [size, e] : llvm::zip(mmaStateSizes(shape), elems))
        types.push_back(MemRefType::get({slots, size}, e, nullptr, space));
      return types;
    }
    return SmallVector<Type>{
        MemRefType::get({slots}, f32, nullptr, space),
        MemRefType::get({slots}, f32, nullptr, space),
        MemRefType::get({slots, shape.valueDim}, f32, nullptr, space)};
  };
  // The kernel body on the model's memories.
  auto buildBlock = [&](OpBuilder &b, Location loc, ThreadModel &model,
                        ArrayRef<Value> global, ValueRange shared,
                        ValueRange state, Value queryBlockId, Value batchHeadId,
                        bool aligned) {
    if (shape.mma) {
      buildMmaFlashBlock(b, loc, shape,
                         {global[0], global[1], global[2], global[3], global[4],
                          shared[0], shared[1], state[0], state[1], state[2],
                          state[3], state[4], state[5], state[6], state[7]},
                         model, queryBlockId, batchHeadId, aligned);
      return;
    }
    buildFlashBlock(b, loc, shape,
                    {global[0], global[1], global[2], global[3], global[4],
                     shared[0], shared[1], shared[2], state[0], state[1],
                     state[2]},
                    model, queryBlockId, batchHeadId, aligned);
  };
  int64_t gridX = shape.numQueryBlocks();
  int64_t gridY = shape.batch * shape.queryHeads;

  if (emulate) {
    // The grid as a parallel loop; the block's memories as its buffers.
    scf::ForallOp::create(
        b, loc,
        ArrayRef<OpFoldResult>{b.getIndexAttr(gridX), b.getIndexAttr(gridY)},
        ValueRange(), std::nullopt,
        [&](OpBuilder &b, Location loc, ValueRange ids) {
          auto allocate = [&](Type t) -> Value {
            return memref::AllocaOp::create(b, loc, cast<MemRefType>(t));
          };
          SmallVector<Value> shared =
              llvm::map_to_vector(sharedTypes(nullptr), allocate);
          SmallVector<Value> state = llvm::map_to_vector(
              stateTypes(shape.threads(), nullptr), allocate);
          LoopThreads model(shape.threads());
          model.scratch =
              allocate(MemRefType::get({shape.threads(), 2}, b.getF32Type()));
          buildBlock(b, loc, model, {q, k, v, out, mask}, shared, state, ids[0],
                     ids[1], /*aligned=*/false);
          scf::InParallelOp::create(b, loc);
        });
  } else {
    // Device copies of the operands, the launch, the result copied back;
    // one chain of asynchronous GPU ops that gpu-to-llvm turns into runtime
    // calls on one stream.
    Type token = gpu::AsyncTokenType::get(b.getContext());
    Value dep =
        gpu::WaitOp::create(b, loc, token, ValueRange()).getAsyncToken();
    SmallVector<Value> device, hosts = {q, k, v, out};
    if (mask)
      hosts.push_back(mask);
    for (Value host : hosts) {
      auto alloc =
          gpu::AllocOp::create(b, loc, host.getType(), token, ValueRange{dep},
                               ValueRange(), ValueRange());
      dep = alloc.getAsyncToken();
      device.push_back(alloc.getMemref());
      if (host != out)
        dep = gpu::MemcpyOp::create(b, loc, token, ValueRange{dep},
                                    alloc.getMemref(), host)
                  .getAsyncToken();
    }
    auto workgroup = gpu::AddressSpaceAttr::get(b.getContext(),
                                                gpu::AddressSpace::Workgroup);
    auto priv =
        gpu::AddressSpaceAttr::get(b.getContext(), gpu::AddressSpace::Private);
    auto launch = gpu::LaunchOp::create(
        b, loc, c(gridX), c(gridY), c(1), c(shape.threads()), c(1), c(1),
        /*dynamicSharedMemorySize=*/nullptr, token, ValueRange{dep},
        sharedTypes(workgroup), stateTypes(1, priv));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&launch.getBody().front());
      auto shared = launch.getWorkgroupAttributions();
      auto state = launch.getPrivateAttributions();
      GpuThreads model;
      buildBlock(b, loc, model,
                 {device[0], device[1], device[2], device[3],
                  mask ? device[4] : Value()},
                 shared, state, launch.getBlockIds().x, launch.getBlockIds().y,
                 /*aligned=*/true);
      gpu::TerminatorOp::create(b, loc);
    }
    dep = launch.getAsyncToken();
    dep = gpu::MemcpyOp::create(b, loc, token, ValueRange{dep}, out, device[3])
              .getAsyncToken();
    for (Value d : device)
      dep = gpu::DeallocOp::create(b, loc, token, ValueRange{dep}, d)
                .getAsyncToken();
    gpu::WaitOp::create(b, loc, Type(), ValueRange{dep});
  }
  Value result = bufferization::ToTensorOp::create(
      b, loc, op.getResult().getType(), out, /*restrict=*/true,
      /*writable=*/true);
  op.getResult().replaceAllUsesWith(result);
  op.erase();
}

void MapSdpaToGpuPass::runOnOperation() {
  SmallVector<SdpaOp> ops;
  getOperation().walk([&](SdpaOp op) { ops.push_back(op); });
  bool failed = false;
  for (SdpaOp op : ops) {
    FailureOr<FlashShape> shape = getShape(op);
    if (mlir::failed(shape)) {
      failed = true;
      continue;
    }
    rewrite(op, *shape);
  }
  if (failed)
    return signalPassFailure();
  // A module that launches kernels is a GPU container module.
  if (!emulate && !ops.empty())
    getOperation()->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                            UnitAttr::get(&getContext()));
}
