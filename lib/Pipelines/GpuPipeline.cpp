//===- GpuPipeline.cpp - attn-gpu-pipeline --------------------------------===//
//
// attn ops → a module whose attn.sdpa ops run as FlashAttention-2 style
// kernels in a gpu.binary (PTX, cubin or fatbin for one NVIDIA chip), with
// the host code in the LLVM dialect calling the GPU runtime (mgpu*
// functions: module load, alloc, memcpy, launch, streams). The rest of the
// module (projections, norms, FFNs) is host code, compiled as on the CPU.
//
// Device steps, in the order docs/gpu.md explains: outline the launches
// into a gpu.module, attach the NVVM target (chip, features, O), lower the
// kernel (affine, scf, vector, memref, gpu) to NVVM, then, after the host
// is LLVM, serialize the gpu.module with gpu-module-to-binary (which calls
// ptxas for cubin/fatbin: the CUDA toolkit must be installed).
//
//===----------------------------------------------------------------------===//

#include "attn/Pipelines/Pipelines.h"

#include "attn/Conversion/Passes.h"
#include "attn/Gpu/Passes.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::attn;

/// gpu-module-to-binary's name for each `format`.
static std::optional<StringRef> getCompilationTarget(StringRef format) {
  return llvm::StringSwitch<std::optional<StringRef>>(format)
      .Case("ptx", StringRef("isa"))
      .Case("cubin", StringRef("bin"))
      .Case("fatbin", StringRef("fatbin"))
      .Default(std::nullopt);
}

void mlir::attn::buildGpuPipeline(OpPassManager &pm,
                                  const GpuPipelineOptions &options) {
  // attn ops and upstream front ends, as attn-cpu-pipeline takes them, with
  // attn.sdpa mapped onto the GPU instead of tiled for the CPU.
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions());
  pm.addPass(createConvertElementwiseToLinalgPass());
  if (options.raise)
    pm.addPass(createAttnRaise());
  pm.addPass(createAttnDecomposeAggregates());
  if (options.shareWeights)
    pm.addPass(createAttnShareWeights());
  pm.addPass(createAttnDecomposeLayers());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createAttnMapSdpaToGpu(options.attnMapSdpaToGpuOptions()));
  pm.addPass(createAttnLowerWeights());

  // Buffers, as on the CPU (the kernels' operands are already buffers).
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  // No ownership-based deallocation: it refuses ops without declared memory
  // effects, such as gpu.wait and gpu.barrier. The kernels' device buffers
  // are freed by the launch sequence itself (gpu.dealloc); host buffers of
  // other ops are not freed (docs/gpu.md, limitations).
  pm.addPass(createConvertBufferizationToMemRefPass());

  // The kernels: outlined, targeted, lowered to NVVM.
  // Constants (hoisted out of the launches by the canonicalizer) go back
  // in, so that they are not kernel arguments: the kernels' private state
  // is indexed by them and stays in registers only if they are constants.
  pm.addPass(createGpuLaunchSinkIndexComputationsPass());
  pm.addPass(createGpuKernelOutliningPass());
  GpuNVVMAttachTargetOptions target;
  target.chip = options.chip;
  target.features = options.targetFeatures.empty()
                        ? std::string(options.features)
                        : std::string(options.targetFeatures);
  target.optLevel = options.optLevel;
  pm.addPass(createGpuNVVMAttachTarget(target));
  OpPassManager &device = pm.nest<gpu::GPUModuleOp>();
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());
  device.addPass(memref::createExpandStridedMetadataPass());
  device.addPass(createLowerAffinePass());
  // The tensor-core kernel's ldmatrix (its mma.sync is NVVM already).
  device.addPass(createConvertNVGPUToNVVMPass());
  device.addPass(createSCFToControlFlowPass());
  // exp as ex2.approx before convert-gpu-to-nvvm would make it a libdevice
  // call (__nv_expf).
  if (options.fastExp)
    device.addPass(createAttnGpuFastExp());
  device.addPass(createConvertGpuOpsToNVVMOps());
  device.addPass(createConvertNVVMToLLVMPass());
  device.addPass(createCanonicalizerPass());
  device.addPass(createCSEPass());
  device.addPass(createReconcileUnrealizedCastsPass());

  // The host: what attn-cpu-pipeline does after bufferization (one thread,
  // upstream loops for the contractions), plus the GPU runtime calls.
  pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
  pm.addPass(createAttnApproximateMath());
  pm.addPass(createConvertLinalgToLoopsPass());
  VectorTransferToSCFOptions transfers;
  transfers.unroll = true;
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass(transfers));
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createSCFToControlFlowPass());
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createGpuToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  GpuModuleToBinaryPassOptions binary;
  binary.compilationTarget =
      getCompilationTarget(options.format).value_or("bin").str();
  pm.addPass(createGpuModuleToBinaryPass(binary));
}

/// Builds attn-gpu-pipeline from its textual options, refusing (with a
/// message, not a fatal error) a nesting other than a module and an unknown
/// output format.
static LogicalResult buildGpuPipelineFromText(
    OpPassManager &pm, StringRef text,
    function_ref<LogicalResult(const Twine &)> errorHandler) {
  StringRef anchor = pm.getOpAnchorName();
  if (anchor != ModuleOp::getOperationName() &&
      anchor != OpPassManager::getAnyOpAnchorName())
    return errorHandler(
        "attn-gpu-pipeline runs on a builtin.module, not nested in '" + anchor +
        "': write --pass-pipeline='builtin.module(attn-gpu-pipeline)' or "
        "--attn-gpu-pipeline");
  GpuPipelineOptions options;
  if (failed(options.parseFromString(text)))
    return failure();
  if (!getCompilationTarget(options.format))
    return errorHandler("attn-gpu-pipeline: unknown format '" + options.format +
                        "' (expected ptx, cubin or fatbin)");
  if (!StringRef(options.chip).starts_with("sm_"))
    return errorHandler("attn-gpu-pipeline: unknown chip '" + options.chip +
                        "' (expected sm_XX, e.g. sm_80 or sm_90)");
  if (options.optLevel < 0 || options.optLevel > 3)
    return errorHandler("attn-gpu-pipeline: opt-level must be 0 to 3");
  buildGpuPipeline(pm, options);
  return success();
}

void mlir::attn::registerAttnGpuPipeline() {
  registerPassPipeline(
      "attn-gpu-pipeline",
      "Lower a module of attn and upstream ops on tensors for an NVIDIA GPU: "
      "attn.sdpa to FlashAttention-2 style kernels serialized as PTX, cubin "
      "or fatbin, the host side to the LLVM dialect with GPU runtime calls",
      buildGpuPipelineFromText,
      [](function_ref<void(const detail::PassOptions &)> optionsHandler) {
        optionsHandler(GpuPipelineOptions());
      });
}
