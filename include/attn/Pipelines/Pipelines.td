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
include "attn/Target/Passes.td"
include "attn/Transforms/Passes.td"

def CpuPipelineOptions : PipelineOptions<"CpuPipelineOptions"> {
  let summary = "The options of attn-cpu-pipeline.";
  let options = [
    Option<"raise", "raise", "bool", /*default=*/"true",
           "Raise attention written as linalg matmuls and a softmax to "
           "attn.sdpa (attn-raise) before lowering, so it runs on the flash "
           "kernel; false: lower such graphs as written">,
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
    Option<"parallel", "parallel", "bool", /*default=*/"true",
           "Run the parallel loops (batch × heads × query blocks) on all "
           "cores with OpenMP (the compiled code then needs libomp)">,
    Option<"matmulPrepackAlias", "matmul-prepack", "bool", /*default=*/"true",
           "The older spelling of matmul-prepack-weights (still accepted)">,
  ];
  let passOptions = [
    PassOptionOf<AttnSetCpuTarget, "target-cpu", "", "targetCpu">,
    PassOptionOf<AttnSetCpuTarget, "target-features", "", "targetFeatures">,
    PassOptionOf<AttnRaise, "causal", "raise-causal", "raiseCausal">,
    PassOptionOf<AttnShareWeights, "constants", "share-constants",
                 "shareConstants">,
    PassOptionOf<AttnShareWeights, "transposes", "share-transposes",
                 "shareTransposes">,
    PassOptionOf<AttnTile, "query-block">,
    PassOptionOf<AttnTile, "kv-block">,
    PassOptionOf<AttnTile, "kv-splits">,
    PassOptionOf<AttnTile, "key-layout">,
    PassOptionOf<AttnVectorizeOnlineAttention, "vector-lanes", "",
                 "vectorLanes">,
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
  ];
}

#endif // ATTN_PIPELINES_PIPELINES_TD
