//===- Pipelines.h - attn's registered pass pipelines -----------*- C++ -*-===//
//
// `attn-cpu-pipeline` takes a module of attn and upstream ops (on tensors) to
// the LLVM dialect, ready for mlir-translate --mlir-to-llvmir, the JIT, or an
// object file.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_PIPELINES_PIPELINES_H
#define ATTN_PIPELINES_PIPELINES_H

#include "attn/Codegen/Passes.h"
#include "attn/Conversion/Passes.h"
#include "attn/Gpu/Passes.h"
#include "attn/Target/Passes.h"
#include "attn/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::attn {

// CpuPipelineOptions, GpuPipelineOptions: declared in Pipelines.td, where each option that is a
// pass's option names it and takes its default and help from the pass.
#include "attn/Pipelines/Pipelines.h.inc"

/// Attn ops on tensors → upstream linalg/tensor/arith/math on tensors.
void buildAttnToLinalgPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// Upstream ops on tensors → LLVM dialect (bufferize, loops, LLVM).
void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// The whole CPU pipeline: both of the above.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// The GPU pipeline: attn ops to a FlashAttention-2 style kernel in a
/// gpu.module lowered to NVVM and serialized (PTX, cubin or fatbin), the
/// host side to LLVM with GPU runtime calls (GpuPipeline.cpp).
void buildGpuPipeline(OpPassManager &pm, const GpuPipelineOptions &options);

/// Registers `attn-cpu-pipeline` (and future pipelines) with the pass
/// registry, so `--attn-cpu-pipeline` and `--pass-pipeline=...` find them.
void registerAttnPipelines();

/// Registers `attn-gpu-pipeline` (called by registerAttnPipelines).
void registerAttnGpuPipeline();

} // namespace mlir::attn

#endif // ATTN_PIPELINES_PIPELINES_H
