/*===-- attn-c/Pipelines.h - build attn's pipelines from C --------*- C -*-===*\
|*                                                                            *|
|* Adds attn's pass pipelines to a pass manager; options use the textual     *|
|* syntax of --pass-pipeline, e.g. "target-cpu=znver4 target-features=+avx2". *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef ATTN_C_PIPELINES_H
#define ATTN_C_PIPELINES_H

#include "mlir-c/Pass.h"
#include "mlir-c/Support.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Adds the registered pipeline `name` (e.g. "attn-cpu-pipeline") with
/// `options` to `passManager`, which must be anchored on builtin.module.
/// Registers attn's passes first if needed. On failure (unknown name, bad
/// options) calls `errorCallback` (if not null) with a message and returns
/// failure.
MLIR_CAPI_EXPORTED MlirLogicalResult attnBuildPipeline(
    MlirOpPassManager passManager, MlirStringRef name, MlirStringRef options,
    MlirStringCallback errorCallback, void *userData);

/// attnBuildPipeline for `attn-cpu-pipeline`: attn and upstream ops on
/// tensors to the LLVM dialect. Options: target-cpu, target-features.
MLIR_CAPI_EXPORTED MlirLogicalResult
attnBuildCpuPipeline(MlirOpPassManager passManager, MlirStringRef options,
                     MlirStringCallback errorCallback, void *userData);

#ifdef __cplusplus
}
#endif

#endif // ATTN_C_PIPELINES_H
