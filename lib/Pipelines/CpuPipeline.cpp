//===- CpuPipeline.cpp - attn-cpu-pipeline --------------------------------===//

#include "attn/Pipelines/Pipelines.h"

#include "attn/Conversion/Passes.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/ErrorHandling.h"

using namespace mlir;
using namespace mlir::attn;

/// Adds a textual pipeline; the strings are fixed here, so a parse failure is
/// a bug in this file.
static void addPipeline(OpPassManager &pm, StringRef pipeline) {
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("attn: malformed built-in pipeline");
}

void mlir::attn::buildAttnToLinalgPipeline(OpPassManager &pm,
                                           const CpuPipelineOptions &options) {
  // Layers first, so the attn.sdpa ops they produce are lowered with the
  // others; canonicalize drops trivial masks and biases before lowering.
  pm.addPass(createAttnDecomposeLayers());
  pm.addPass(createCanonicalizerPass());
  // An injected bug lives in the untiled lowering, so tests that inject one
  // take that route.
  if (options.tile && options.testInjectBug.empty()) {
    pm.addPass(createAttnTile({options.queryBlock, options.kvBlock,
                               /*transposeKey=*/true, options.kvSplits}));
    pm.addPass(createAttnVectorizeOnlineAttention(
        {options.vectorLanes, /*rowGroup=*/6, /*vectorsPerRow=*/4}));
    pm.addPass(createAttnDecomposeOnlineAttention());
  }
  pm.addPass(createAttnLowerSdpa({options.testInjectBug}));
  pm.addPass(createAttnLowerWeights());
}

void mlir::attn::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                           const CpuPipelineOptions &options) {
  // Order matters (see ../shared/notes/cpu-mlir22.md): affine maps are
  // lowered after expand-strided-metadata, ub.poison needs its own
  // conversion, and every dialect reaches LLVM before casts are reconciled.
  addPipeline(pm, "canonicalize,cse,"
                  "one-shot-bufferize{bufferize-function-boundaries=true "
                  "function-boundary-type-conversion=identity-layout-map},"
                  "buffer-deallocation-pipeline,"
                  "func.func(scf-forall-to-parallel)");
  // OpenMP before scf-to-cf: convert-scf-to-openmp wraps loop bodies in
  // memref.alloca_scope, which finalize-memref-to-llvm must see in scf form.
  if (options.parallel)
    addPipeline(pm, "convert-scf-to-openmp");
  pm.addPass(createAttnApproximateMath());
  addPipeline(pm, "convert-linalg-to-loops,"
                  "func.func(convert-vector-to-scf{full-unroll=true}),"
                  "convert-vector-to-llvm,"
                  "expand-strided-metadata,lower-affine,"
                  "finalize-memref-to-llvm,"
                  "convert-scf-to-cf,"
                  // bf16 extf/truncf become integer bit operations: without
                  // AVX512-BF16, LLVM calls __truncsfbf2, which a JIT may
                  // not resolve.
                  "arith-expand{include-bf16=true},"
                  "convert-math-to-llvm,convert-arith-to-llvm,"
                  "convert-func-to-llvm,convert-cf-to-llvm,"
                  "convert-index-to-llvm,convert-ub-to-llvm,"
                  "convert-openmp-to-llvm,"
                  "reconcile-unrealized-casts,canonicalize,cse");
  pm.addPass(
      createAttnSetCpuTarget({options.targetCpu, options.targetFeatures}));
}

void mlir::attn::buildCpuPipeline(OpPassManager &pm,
                                  const CpuPipelineOptions &options) {
  buildAttnToLinalgPipeline(pm, options);
  buildLinalgToLLVMPipeline(pm, options);
}

void mlir::attn::registerAttnPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "attn-cpu-pipeline",
      "Lower a module of attn and upstream ops on tensors to the LLVM "
      "dialect for the CPU: attn ops to linalg, bufferize, loops, LLVM",
      buildCpuPipeline);
}
