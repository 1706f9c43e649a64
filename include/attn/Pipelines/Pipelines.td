//===- Pipelines.td - the options of attn's pass pipelines -*- tablegen -*-===//
//
// Each pipeline option that is a pass's option is named here, not restated:
// its default and help text stay in that pass's Passes.td, and it has the
// pass option's name (one name per concept).
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_PIPELINES_PIPELINES_TD
#define ATTN_PIPELINES_PIPELINES_TD

include "attn/Pipelines/PipelineBase.td"
include "attn/Codegen/Passes.td"
include "attn/Conversion/Passes.td"
include "attn/Gpu/Passes.td"
include "attn/Target/Passes.td"
include "attn/Transforms/Passes.td"

def CpuPipelineOptions : PipelineOptions<"CpuPipelineOptions"> {
  let summary = "The options of attn-cpu-pipeline.";
  let options = [
    Option<"raise", "raise", "bool", /*default=*/"true",
           "Raise attention written as linalg matmuls and a softmax to "
           "attn.sdpa, and whole multi-head blocks around it to attn.mha "
           "(attn-raise) before lowering, so it runs on the flash kernel; "
           "false: lower such graphs as written">,
    Option<"shareWeights", "share-weights", "bool", /*default=*/"true",
           "Merge identical weights into one attn.weight after the layers "
           "are final, before they are decomposed (attn-share-weights)">,
    Option<"tile", "tile", "bool", /*default=*/"true",
           "Flash-style tiling of attn.sdpa (attn-tile) with the vector "
           "kernel; false: the untiled linalg lowering (O(S²) memory, for "
           "comparison)">,
    Option<"packQueryGroups", "pack-query-groups", "bool", /*default=*/"true",
           "Run a decoding step's GQA query-head groups as the rows of one "
           "block, reading K and V once per group (attn-pack-query-groups)">,
    Option<"matmul", "matmul", "bool", /*default=*/"true",
           "Compile contractions (matmul, batch_matmul, transposed forms, "
           "contraction generics, the layers' projections) with attn's "
           "register-blocked matmul kernel (attn-matmul-kernel); false: the "
           "upstream loops (for comparison and debugging)">,
    Option<"vectorizeElementwise", "vectorize-elementwise", "bool",
           /*default=*/"true",
           "Thread and vectorize the element-wise, row-reduction and "
           "transpose ops around the kernels (layer norms, residual adds, "
           "head transposes: attn-vectorize-elementwise); false: scalar "
           "loops (for comparison and debugging)">,
    Option<"parallel", "parallel", "bool", /*default=*/"true",
           "Run the parallel loops (batch × heads × query blocks) on all "
           "cores with OpenMP (the compiled code then needs libomp)">,
    Option<"distribute", "distribute", "bool", /*default=*/"false",
           "Partition a module annotated with shard.sharding over its "
           "shard.grid (sharding-propagation, shard-partition) and lower "
           "the collectives to MPI: one program that every rank runs under "
           "mpirun (links MPICH; docs/distributed.md)">,
    Option<"gpuEmulation", "gpu-emulation", "bool", /*default=*/"false",
           "Run attn.sdpa as attn-gpu-pipeline's block-mapped kernel "
           "executed on the CPU (attn-map-sdpa-to-gpu emulate: threads as "
           "loops split at each barrier), to verify the GPU mapping; its "
           "tiles are query-block (64 when 0) and kv-block">,
    Option<"matmulPrepackAlias", "matmul-prepack", "bool", /*default=*/"true",
           "The older spelling of matmul-prepack-weights (still accepted)">,
    Option<"vectorLanes", "vector-lanes", "int64_t", /*default=*/"0",
           "f32 lanes per vector of every kernel the pipeline vectorizes "
           "(attention, matmuls, element-wise ops); 0: from target-cpu and "
           "target-features, 16 with AVX-512, 8 otherwise">,
  ];
  let passOptions = [
    PassOptionOf<AttnSetCpuTarget, "target-cpu", "", "targetCpu">,
    PassOptionOf<AttnSetCpuTarget, "target-features", "", "targetFeatures">,
    PassOptionOf<AttnRaise, "causal", "raise-causal", "raiseCausal">,
    PassOptionOf<AttnRaise, "mha", "raise-mha", "raiseMha">,
    PassOptionOf<AttnRaise, "fold-scale", "raise-fold-scale",
                 "raiseFoldScale">,
    PassOptionOf<AttnShareWeights, "constants", "share-constants",
                 "shareConstants">,
    PassOptionOf<AttnShareWeights, "transposes", "share-transposes",
                 "shareTransposes">,
    PassOptionOf<AttnTile, "query-block">,
    PassOptionOf<AttnTile, "kv-block">,
    PassOptionOf<AttnTile, "kv-splits">,
    PassOptionOf<AttnTile, "key-layout">,
    PassOptionOf<AttnMatmulKernel, "rows", "matmul-rows", "matmulRows">,
    PassOptionOf<AttnMatmulKernel, "vectors", "matmul-vectors",
                 "matmulVectors">,
    PassOptionOf<AttnMatmulKernel, "m-block", "matmul-m-block",
                 "matmulMBlock">,
    PassOptionOf<AttnMatmulKernel, "n-block", "matmul-n-block",
                 "matmulNBlock">,
    PassOptionOf<AttnMatmulKernel, "prepack-weights",
                 "matmul-prepack-weights", "matmulPrepackWeights">,
    PassOptionOf<AttnMatmulKernel, "fuse-epilogues", "matmul-fuse-epilogues",
                 "matmulFuseEpilogues">,
    PassOptionOf<AttnVectorizeElementwise, "rows-per-task",
                 "vectorize-rows-per-task", "vectorizeRowsPerTask">,
  ];
}

def GpuPipelineOptions : PipelineOptions<"GpuPipelineOptions"> {
  let summary = "The options of attn-gpu-pipeline.";
  let options = [
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_90\"",
           "The NVIDIA GPU to compile the kernels for: sm_80 (A100), sm_90 "
           "(H100), or another sm_XX that LLVM's NVPTX back end knows">,
    Option<"features", "features", "std::string", /*default=*/"\"+ptx80\"",
           "NVPTX target features, e.g. +ptx80 (the PTX ISA version)">,
    Option<"targetFeatures", "target-features", "std::string",
           /*default=*/"\"\"",
           "The same as `features`, spelled as attn-cpu-pipeline and "
           "attn-compile spell it; when given it wins over `features`">,
    Option<"format", "format", "std::string", /*default=*/"\"cubin\"",
           "What the gpu.binary holds: ptx (PTX text, JIT-compiled by the "
           "driver when loaded), cubin (machine code for `chip`, assembled "
           "by the CUDA toolkit's ptxas), or fatbin (cubin and PTX)">,
    Option<"optLevel", "opt-level", "int64_t", /*default=*/"3",
           "LLVM optimization level for the kernels (0-3)">,
    Option<"raise", "raise", "bool", /*default=*/"true",
           "Raise attention written as linalg matmuls and a softmax to "
           "attn.sdpa, and whole multi-head blocks around it to attn.mha "
           "(attn-raise), so it runs on the GPU kernel">,
    Option<"shareWeights", "share-weights", "bool", /*default=*/"true",
           "Merge identical weights into one attn.weight "
           "(attn-share-weights)">,
    Option<"fastExp", "fast-exp", "bool", /*default=*/"true",
           "Compute the kernels' exponentials with the ex2.approx.f32 "
           "instruction (attn-gpu-fast-exp); false: libdevice's __nv_expf, "
           "which needs the CUDA toolkit's nvvm/libdevice at compile time">,
  ];
  let passOptions = [
    PassOptionOf<AttnMapSdpaToGpu, "query-block">,
    PassOptionOf<AttnMapSdpaToGpu, "kv-block">,
    PassOptionOf<AttnMapSdpaToGpu, "tensor-cores">,
    PassOptionOf<AttnMapSdpaToGpu, "shared-memory">,
  ];
}

#endif // ATTN_PIPELINES_PIPELINES_TD
