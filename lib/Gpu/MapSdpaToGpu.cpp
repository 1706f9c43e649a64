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
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
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
  if (shape.kvBlock <= 0) {
    // The largest power of two up to 64 keys whose tiles fit.
    shape.kvBlock = 64;
    while (shape.kvBlock > 1 && shape.sharedMemoryBytes() > sharedMemory)
      shape.kvBlock /= 2;
  }
  if (shape.sharedMemoryBytes() > sharedMemory)
    return fail("the tiles do not fit in shared memory: query-block " +
                Twine(shape.queryBlock) + " × head dim " + Twine(d.headDim) +
                " and kv-block " + Twine(shape.kvBlock) + " × (" +
                Twine(d.headDim) + " + " + Twine(d.valueDim) + ") f32 need " +
                Twine(shape.sharedMemoryBytes()) + " bytes, more than the " +
                Twine(sharedMemory) +
                " of shared-memory; use a smaller query-block or kv-block");
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
  auto sharedTypes = [&](Attribute space) {
    return SmallVector<Type>{
        MemRefType::get({shape.headDim, shape.queryBlock}, f32, nullptr, space),
        MemRefType::get({shape.kvBlock, shape.headDim}, f32, nullptr, space),
        MemRefType::get({shape.kvBlock, shape.valueDim}, f32, nullptr, space)};
  };
  auto stateTypes = [&](int64_t slots, Attribute space) {
    return SmallVector<Type>{
        MemRefType::get({slots}, f32, nullptr, space),
        MemRefType::get({slots}, f32, nullptr, space),
        MemRefType::get({slots, shape.valueDim}, f32, nullptr, space)};
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
          SmallVector<Value> bufs;
          for (Type t : llvm::concat<Type>(
                   sharedTypes(nullptr), stateTypes(shape.queryBlock, nullptr)))
            bufs.push_back(
                memref::AllocaOp::create(b, loc, cast<MemRefType>(t)));
          LoopThreads model(shape.queryBlock);
          buildFlashBlock(b, loc, shape,
                          {q, k, v, out, mask, bufs[0], bufs[1], bufs[2],
                           bufs[3], bufs[4], bufs[5]},
                          model, ids[0], ids[1], /*alignedGlobalLoads=*/false);
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
        b, loc, c(gridX), c(gridY), c(1), c(shape.queryBlock), c(1), c(1),
        /*dynamicSharedMemorySize=*/nullptr, token, ValueRange{dep},
        sharedTypes(workgroup), stateTypes(1, priv));
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(&launch.getBody().front());
      auto shared = launch.getWorkgroupAttributions();
      auto state = launch.getPrivateAttributions();
      GpuThreads model;
      buildFlashBlock(b, loc, shape,
                      {device[0], device[1], device[2], device[3],
                       mask ? device[4] : Value(), shared[0], shared[1],
                       shared[2], state[0], state[1], state[2]},
                      model, launch.getBlockIds().x, launch.getBlockIds().y,
                      /*alignedGlobalLoads=*/true);
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
