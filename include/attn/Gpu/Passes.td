//===- Passes.td - attn's GPU passes -----------------------*- tablegen -*-===//
//
// Passes that map attn ops onto an NVIDIA GPU: attn.sdpa to a
// FlashAttention-2 style kernel in a gpu.launch.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_GPU_PASSES_TD
#define ATTN_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnMapSdpaToGpu : Pass<"attn-map-sdpa-to-gpu", "::mlir::ModuleOp"> {
  let summary = "Map attn.sdpa onto GPU blocks and threads, FlashAttention-2 "
                "style";
  let description = [{
    Rewrites every `attn.sdpa` into a `gpu.launch` that computes it the way
    FlashAttention-2 does:

    - the grid is (query blocks, batch · query heads): one thread block per
      `query-block` rows of one head; query head `h` reads key/value head
      `⌊h / (Hq/Hkv)⌋` (GQA, MQA);
    - thread `t` of a block owns query row `t` of its block: its
      online-softmax state (running max, running sum, the `Dv`-wide
      accumulator) stays in the thread (private memory that LLVM promotes to
      registers);
    - the block first stages its Q tile in shared memory, then loops over
      key/value blocks of `kv-block` keys: the block copies the K and V tiles
      into shared memory (`gpu.barrier`), every thread updates its row with
      each key of the tile, `gpu.barrier`;
    - a causal block stops at the first key its last row cannot see: the
      key/value loop's bound depends on the query block, so the blocks above
      the diagonal are never visited; on the diagonal the causal rule (and the
      rest of the masking rules) come from attn's semantics module;
    - each row is written once, `acc / sum` (0 for a row whose keys are all
      masked), rounded to the result's element type.

    The operands are copied to device memory (`gpu.alloc`, `gpu.memcpy`) and
    the result back, with asynchronous GPU ops, so that `gpu-to-llvm` makes
    the host side runtime calls (`mgpuMemAlloc`, `mgpuMemcpy`,
    `mgpuLaunchKernel`, ...).

    With `emulate`, the same loop nest runs on the CPU instead: the grid is an
    `scf.forall`, shared memory and the per-thread state are buffers of the
    block, and each stretch of the kernel between two barriers is a loop over
    the block's threads. The CPU pipeline then compiles it, so that
    `attn-run --check` verifies the block mapping (tile bounds, staging, the
    causal bound, the per-row state) without a GPU.

    f16/bf16 Q, K, V (all of one type) take the tensor-core kernel when D,
    Dv, `query-block` and `kv-block` are multiples of 16: `query-block/16`
    warps, warp w owning rows [16w, 16w+16); Q fragments loaded once with
    `ldmatrix`; per key/value tile, S = Q·Kᵀ and O += P·V as `mma.sync`
    m16n8k16 (`nvvm.mma.sync`, f32 accumulators) on `ldmatrix` fragments of
    the K and V tiles (`.trans` for V); the online softmax in f32 on the
    accumulators with the row max and sum reduced over each quad of lanes
    (`gpu.shuffle xor`); P rounded to f16/bf16 stays in registers (two m16n8
    accumulators are one m16k16 A fragment). With `emulate`, the lanes run
    as loops and ldmatrix, mma.sync and the shuffles are computed from the
    fragment layouts of the PTX ISA.

    Supported: f32, f16 and bf16 Q, K, V (f16/bf16 the FMA kernel takes are
    widened to f32 when staged), static shapes, an i1 keep-mask or a float
    bias broadcast from any rank ≤ 4, causal with any static offset. Anything
    else is refused with a located error naming what is missing, as is a
    head dim whose tiles do not fit in `shared-memory` bytes.

    Before:

    ```mlir
    %o = attn.sdpa %q, %k, %v causal : tensor<1x8x512x64xf32>, ... -> tensor<1x8x512x64xf32>
    ```

    After (abbreviated):

    ```mlir
    %t = gpu.launch async [...] blocks(%qb, %bh, %z) in (%c8, %c8, %c1)
        threads(%t, %y, %z2) in (%c64, %c1, %c1)
        workgroup(%sq : memref<64x64xf32, #gpu.address_space<workgroup>>, ...)
        private(%m : memref<1xf32, #gpu.address_space<private>>, ...) {
      ... Q tile → %sq; gpu.barrier
      %n = ... number of key/value blocks the query block %qb sees
      scf.for %kb = %c0 to %n step %c1 {
        ... K, V tiles → shared memory; gpu.barrier
        ... each thread: online softmax over the tile's keys
        gpu.barrier
      }
      ... O[row] = acc / sum
      gpu.terminator
    }
    ```
  }];
  let options = [
    Option<"queryBlock", "query-block", "int64_t", /*default=*/"64",
           "Query rows per thread block (= threads per block)">,
    Option<"kvBlock", "kv-block", "int64_t", /*default=*/"0",
           "Keys per shared-memory K/V tile; 0: the largest power of two up "
           "to 64 whose Q, K and V tiles fit in `shared-memory` bytes">,
    Option<"sharedMemory", "shared-memory", "int64_t", /*default=*/"49152",
           "Shared memory a thread block may use, in bytes (48 KiB: the "
           "static limit of sm_80 and sm_90)">,
    Option<"tensorCores", "tensor-cores", "bool", /*default=*/"true",
           "f16/bf16 Q, K, V: use the tensor-core kernel (warps of 16 rows, "
           "mma.sync m16n8k16 for Q·Kᵀ and P·V, ldmatrix, f32 accumulation) "
           "when D, Dv, query-block and kv-block are multiples of 16 "
           "(query-block ≤ 512); otherwise, or when false, widen them to f32 "
           "for the FMA kernel">,
    Option<"emulate", "emulate", "bool", /*default=*/"false",
           "Run the block-mapped loop nest on the CPU (threads as loops split "
           "at each barrier) instead of launching it on a GPU, to verify the "
           "mapping without one">,
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect",
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::nvgpu::NVGPUDialect",
    "::mlir::math::MathDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect",
  ];
}

def AttnGpuFastExp : Pass<"attn-gpu-fast-exp", "::mlir::gpu::GPUModuleOp"> {
  let summary = "Compute exp in GPU kernels with the ex2.approx instruction, "
                "not libdevice's __nv_expf";
  let description = [{
    Rewrites `math.exp` on scalar f32 inside a `gpu.module` into a call of
    the `llvm.nvvm.ex2.approx.f32` intrinsic on `x · log2 e`, which the NVPTX
    backend emits as `ex2.approx.f32`: one MUFU instruction, the way FlashAttention computes
    its softmax, instead of a call to libdevice's `__nv_expf` (about twenty
    instructions, and a bitcode library that has to be found at compile time:
    without this pass `gpu-module-to-binary` fails where the CUDA toolkit's
    `nvvm/libdevice` is not next to the `ptxas` it uses).

    Accuracy: `ex2.approx.f32` has a relative error of at most 2^-22 on its
    result; rounding `x · log2 e` adds a relative error of about
    |x| · 2^-24 · ln 2 · log2 e to exp(x). The softmax arguments are
    `s − max ≤ 0`, and those below about −87 (where the relative error would
    reach 5e-6) round to 0 either way, far below the f16/bf16 tolerances and
    the f32 tolerance (1e-4) of attn's tests.

    Other types (f16, bf16, f64, vectors) are left alone: the attn kernels
    compute their softmax on scalar f32.

    Before:

    ```mlir
    %e = math.exp %x : f32
    ```

    After:

    ```mlir
    %c = arith.constant 1.44269502 : f32
    %y = arith.mulf %x, %c : f32
    %e = llvm.call_intrinsic "llvm.nvvm.ex2.approx.f32"(%y) : (f32) -> f32
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect",
  ];
}

#endif // ATTN_GPU_PASSES_TD
