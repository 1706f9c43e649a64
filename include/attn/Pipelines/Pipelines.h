//===- Pipelines.h - attn's registered pass pipelines -----------*- C++ -*-===//
//
// `attn-cpu-pipeline` takes a module of attn and upstream ops (on tensors) to
// the LLVM dialect, ready for mlir-translate --mlir-to-llvmir, the JIT, or an
// object file.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_PIPELINES_PIPELINES_H
#define ATTN_PIPELINES_PIPELINES_H

#include "attn/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

namespace mlir::attn {

struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  PassOptions::Option<std::string> targetCpu{
      *this, "target-cpu",
      llvm::cl::desc("CPU to generate code for: 'host' (the machine running "
                     "the compiler) or an LLVM CPU name such as "
                     "'skylake-avx512', 'znver4', 'x86-64-v3'"),
      llvm::cl::init("host")};
  PassPipelineOptions::Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("Extra LLVM target features, e.g. '+avx512f,+fma' or "
                     "'-avx512f' (default: those of target-cpu)"),
      llvm::cl::init("")};
  PassOptions::Option<bool> tile{
      *this, "tile",
      llvm::cl::desc("Flash-style tiling of attn.sdpa (attn-tile) with the "
                     "vector kernel; false: the untiled linalg lowering "
                     "(O(S²) memory, for comparison)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> queryBlock{
      *this, "query-block",
      llvm::cl::desc("attn-tile query block (0: from the target)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> kvBlock{
      *this, "kv-block",
      llvm::cl::desc("attn-tile key/value block (0: from the target)"),
      llvm::cl::init(0)};
  PassOptions::Option<int64_t> kvSplits{
      *this, "kv-splits",
      llvm::cl::desc("attn-tile split-K factor (0: decoding shapes only)"),
      llvm::cl::init(0)};
  PassOptions::Option<SdpaKeyLayout> keyLayout{
      *this, "key-layout", llvm::cl::desc("attn-tile's key layout"),
      llvm::cl::init(SdpaKeyLayout::Auto),
      llvm::cl::values(
          clEnumValN(SdpaKeyLayout::Auto, "auto",
                     "rows for decoding steps, transposed otherwise"),
          clEnumValN(SdpaKeyLayout::Transposed, "transposed",
                     "K copied to D×Skv once per call"),
          clEnumValN(SdpaKeyLayout::Rows, "rows", "K read as stored"))};
  PassOptions::Option<bool> packQueryGroups{
      *this, "pack-query-groups",
      llvm::cl::desc("Run a decoding step's GQA query-head groups as the "
                     "rows of one block, reading K and V once per group "
                     "(attn-pack-query-groups)"),
      llvm::cl::init(true)};
  PassOptions::Option<int64_t> vectorLanes{
      *this, "vector-lanes",
      llvm::cl::desc("f32 lanes of the attention kernel's vectors (16: "
                     "AVX-512, 8: AVX2; 0: from the host)"),
      llvm::cl::init(0)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Run the parallel loops (batch × heads × query blocks) "
                     "on all cores with OpenMP (the compiled code then needs "
                     "libomp)"),
      llvm::cl::init(true)};
  PassOptions::Option<std::string> testInjectBug{
      *this, "test-inject-bug",
      llvm::cl::desc("Test only: lower attn.sdpa deliberately wrong, so tests "
                     "can show that attn-run --check catches it "
                     "(wrong-scale, ignore-mask, wrong-grouping, "
                     "causal-off-by-one)"),
      llvm::cl::init("")};
};

/// Attn ops on tensors → upstream linalg/tensor/arith/math on tensors.
void buildAttnToLinalgPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// Upstream ops on tensors → LLVM dialect (bufferize, loops, LLVM).
void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const CpuPipelineOptions &options);

/// The whole CPU pipeline: both of the above.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Registers `attn-cpu-pipeline` (and future pipelines) with the pass
/// registry, so `--attn-cpu-pipeline` and `--pass-pipeline=...` find them.
void registerAttnPipelines();

} // namespace mlir::attn

#endif // ATTN_PIPELINES_PIPELINES_H
