//===- CpuPipeline.cpp - attn-cpu-pipeline --------------------------------===//

#include "attn/Pipelines/Pipelines.h"

#include "attn/Codegen/Passes.h"
#include "attn/Conversion/Passes.h"
#include "attn/Distributed/Passes.h"
#include "attn/Gpu/Passes.h"
#include "attn/Target/CpuTarget.h"
#include "attn/Target/Passes.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/TosaToLinalg/TosaToLinalg.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Arith/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;
using namespace mlir::attn;

void mlir::attn::buildAttnToLinalgPipeline(OpPassManager &pm,
                                           const CpuPipelineOptions &options) {
  // Layers first, so the attn.sdpa ops they produce are lowered with the
  // others; canonicalize drops trivial masks and biases before lowering.
  // Upstream front ends first: TOSA graphs and element-wise arith on tensors
  // become linalg, and aggregate linalg ops (softmax) that
  // convert-linalg-to-loops cannot lower are decomposed.
  tosa::addTosaToLinalgPasses(pm, TosaToLinalgOptions());
  // tosa-to-linalg leaves the reshapes, slices, concats and pads
  // (tosa-to-tensor) and tosa.const (weights, scales, zero points and shifts)
  // behind; bufferization can take neither.
  pm.addNestedPass<func::FuncOp>(createTosaToTensorPass());
  pm.addPass(createTosaToArithPass());
  pm.addPass(createConvertElementwiseToLinalgPass());
  // Attention found in those graphs becomes attn.sdpa before linalg.softmax
  // is decomposed (raising reads both forms; the named one is quicker).
  if (options.raise)
    pm.addPass(createAttnRaise(options.attnRaiseOptions()));
  // A module annotated for several processes becomes one rank's program
  // while its attention is still attn.mha/attn.sdpa (they partition whole).
  if (options.distribute)
    buildShardToMPIPipeline(pm);
  pm.addPass(createAttnDecomposeAggregates());
  // Weights are shared once the layers are final (after fusion and head
  // pruning, which make new weights) and before they are decomposed, so
  // everything after (the projections' matmuls, attn-lower-weights' globals)
  // sees one weight per content.
  if (options.shareWeights)
    pm.addPass(createAttnShareWeights(options.attnShareWeightsOptions()));
  pm.addPass(createAttnDecomposeLayers());
  pm.addPass(createCanonicalizerPass());
  // Contractions (the layers' projections and FFNs, user matmuls) become
  // attn's matmul kernel before attention is tiled, so the flash kernel's
  // own contractions are not touched.
  // One vector width for every kernel: the target's (not the compiling
  // machine's: a named generic target such as x86-64-v3 has no AVX-512).
  int64_t lanes =
      options.vectorLanes != 0
          ? int64_t(options.vectorLanes)
          : getTargetVectorLanes(options.targetCpu, options.targetFeatures);
  if (options.matmul) {
    AttnMatmulKernelOptions matmulOptions = options.attnMatmulKernelOptions();
    matmulOptions.lanes = lanes;
    if (!options.matmulPrepackAlias) // the older spelling, matmul-prepack=
      matmulOptions.prepackWeights = false;
    pm.addPass(createAttnMatmulKernel(matmulOptions));
  }
  if (options.gpuEmulation) {
    // attn-gpu-pipeline's kernel, its threads run as loops (verification).
    AttnMapSdpaToGpuOptions emulation;
    emulation.emulate = true;
    if (options.queryBlock > 0)
      emulation.queryBlock = options.queryBlock;
    emulation.kvBlock = options.kvBlock;
    pm.addPass(createAttnMapSdpaToGpu(emulation));
  }
  if (options.tile) {
    if (options.packQueryGroups)
      pm.addPass(createAttnPackQueryGroups());
    pm.addPass(createAttnTile(options.attnTileOptions()));
    AttnVectorizeOnlineAttentionOptions vectorize;
    vectorize.lanes = lanes;
    pm.addPass(createAttnVectorizeOnlineAttention(vectorize));
    pm.addPass(createAttnDecomposeOnlineAttention());
  }
  pm.addPass(createAttnLowerSdpa());
  pm.addPass(createAttnLowerWeights());
  // What is left around the kernels (layer norms, residual adds, head
  // transposes) runs threaded on vectors instead of as scalar loops.
  if (options.vectorizeElementwise) {
    AttnVectorizeElementwiseOptions elementwise =
        options.attnVectorizeElementwiseOptions();
    elementwise.lanes = lanes;
    pm.addPass(createAttnVectorizeElementwise(elementwise));
  }
}

void mlir::attn::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                           const CpuPipelineOptions &options) {
  // Passes are made directly, not parsed from their names, so the pipeline
  // works in a tool that registered none of them. Order matters (see
  // docs/design.md): OpenMP before scf-to-cf (convert-scf-to-openmp wraps
  // bodies in memref.alloca_scope, which finalize-memref-to-llvm must see in
  // scf form); affine maps lowered after expand-strided-metadata; ub.poison
  // needs its own conversion; casts are reconciled last.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  bufferization::OneShotBufferizePassOptions bufferize;
  bufferize.bufferizeFunctionBoundaries = true;
  bufferize.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferize));
  bufferization::buildBufferDeallocationPipeline(pm, {});
  // The deallocation pipeline leaves bufferization.clone where a function
  // returns an argument, a view of one or a constant.
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
  if (options.parallel)
    pm.addPass(createConvertSCFToOpenMPPass());
  pm.addPass(createAttnApproximateMath());
  pm.addPass(createConvertLinalgToLoopsPass());
  VectorTransferToSCFOptions transfers;
  transfers.unroll = true;
  pm.addNestedPass<func::FuncOp>(createConvertVectorToSCFPass(transfers));
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createAttnConvertMPIToLLVM());
  pm.addPass(createSCFToControlFlowPass());
  // A failed runtime check returns a status (@<f>_error) instead of abort().
  pm.addPass(createAttnRuntimeChecksToStatus());
  // bf16 extf/truncf become integer bit operations: without AVX512-BF16,
  // LLVM calls __truncsfbf2, which a JIT may not resolve.
  arith::ArithExpandOpsPassOptions expand;
  expand.includeBf16 = true;
  pm.addPass(arith::createArithExpandOpsPass(expand));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createAttnSetCpuTarget(options.attnSetCpuTargetOptions()));
}

void mlir::attn::buildCpuPipeline(OpPassManager &pm,
                                  const CpuPipelineOptions &options) {
  buildAttnToLinalgPipeline(pm, options);
  buildLinalgToLLVMPipeline(pm, options);
}

namespace {
/// Fails with `message` at the location of the module it runs on. A pipeline
/// option found wrong while the pipeline is built has no IR to point at yet:
/// reported through the builder's error handler, mlir-opt prints it at
/// `<unknown>:0`. Built instead of the pipeline, this pass reports it at the
/// input's module. Internal to the pipeline (not registered, so not in
/// Passes.td).
struct ReportPipelineOptionError
    : PassWrapper<ReportPipelineOptionError, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(ReportPipelineOptionError)

  explicit ReportPipelineOptionError(std::string message)
      : message(std::move(message)) {}
  StringRef getArgument() const override {
    return "attn-cpu-pipeline-option-error";
  }
  void runOnOperation() override {
    // At the module's location, without the module printed after it.
    emitError(getOperation().getLoc(), message);
    signalPassFailure();
  }

  std::string message;
};
} // namespace

/// Builds attn-cpu-pipeline from its textual options, reporting what
/// PassPipelineRegistration could not: a pass manager nested on something
/// other than a module (the pipeline holds module passes, and adding them
/// there would be a fatal LLVM error), through `errorHandler`; and an unknown
/// target CPU or feature (caught now rather than written into the IR at the
/// end), at the module the pipeline runs on.
static LogicalResult buildCpuPipelineFromText(
    OpPassManager &pm, StringRef text,
    function_ref<LogicalResult(const Twine &)> errorHandler) {
  StringRef anchor = pm.getOpAnchorName();
  if (anchor != ModuleOp::getOperationName() &&
      anchor != OpPassManager::getAnyOpAnchorName())
    return errorHandler(
        "attn-cpu-pipeline runs on a builtin.module, not nested in '" + anchor +
        "': write --pass-pipeline='builtin.module(attn-cpu-pipeline)' or "
        "--attn-cpu-pipeline");
  CpuPipelineOptions options;
  if (failed(options.parseFromString(text)))
    return failure();
  if (llvm::Error err =
          checkCpuTarget(options.targetCpu, options.targetFeatures)) {
    // Name the option at fault: the CPU when it alone is refused.
    std::string option = "target-features=" + options.targetFeatures.getValue();
    if (llvm::Error cpuErr = checkCpuTarget(options.targetCpu, "")) {
      llvm::consumeError(std::move(cpuErr));
      option = "target-cpu=" + options.targetCpu.getValue();
    }
    pm.addPass(std::make_unique<ReportPipelineOptionError>(
        "attn-cpu-pipeline option " + option + ": " +
        llvm::toString(std::move(err))));
    return success();
  }
  buildCpuPipeline(pm, options);
  return success();
}

void mlir::attn::registerAttnPipelines() {
  registerAttnGpuPipeline();
  registerPassPipeline(
      "attn-cpu-pipeline",
      "Lower a module of attn and upstream ops on tensors to the LLVM "
      "dialect for the CPU: attn ops to linalg, bufferize, loops, LLVM",
      buildCpuPipelineFromText,
      [](function_ref<void(const detail::PassOptions &)> optionsHandler) {
        optionsHandler(CpuPipelineOptions());
      });
}
