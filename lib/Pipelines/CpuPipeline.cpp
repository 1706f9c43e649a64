//===- CpuPipeline.cpp - attn-cpu-pipeline --------------------------------===//

#include "attn/Pipelines/Pipelines.h"

#include "mlir/Pass/PassRegistry.h"
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
  (void)pm;
  (void)options;
}

void mlir::attn::buildLinalgToLLVMPipeline(OpPassManager &pm,
                                           const CpuPipelineOptions &options) {
  (void)options;
  // Order matters (see ../shared/notes/cpu-mlir22.md): affine maps are
  // lowered after expand-strided-metadata, ub.poison needs its own
  // conversion, and every dialect reaches LLVM before casts are reconciled.
  addPipeline(pm, "canonicalize,cse,"
                  "one-shot-bufferize{bufferize-function-boundaries=true "
                  "function-boundary-type-conversion=identity-layout-map},"
                  "buffer-deallocation-pipeline,"
                  "convert-linalg-to-loops,"
                  "convert-scf-to-cf,"
                  "expand-strided-metadata,lower-affine,"
                  "finalize-memref-to-llvm,"
                  "convert-math-to-llvm,convert-arith-to-llvm,"
                  "convert-func-to-llvm,convert-cf-to-llvm,"
                  "convert-index-to-llvm,convert-ub-to-llvm,"
                  "reconcile-unrealized-casts,canonicalize,cse");
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
