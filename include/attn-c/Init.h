/*===-- attn-c/Init.h - register attn from C ----------------------*- C -*-===*\
|*                                                                            *|
|* The C counterparts of include/attn/Init/InitAttn.h.                        *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#ifndef ATTN_C_INIT_H
#define ATTN_C_INIT_H

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Inserts attn and every dialect, extension and LLVM IR translation its
/// pipelines need into `registry` (then mlirContextAppendDialectRegistry).
MLIR_CAPI_EXPORTED void attnRegisterDialects(MlirDialectRegistry registry);

/// Registers attn's passes and pipelines (and the upstream passes they are
/// built from) with the global registry, so mlirParsePassPipeline finds
/// `attn-cpu-pipeline`. Safe to call more than once.
MLIR_CAPI_EXPORTED void attnRegisterAllPasses(void);

#ifdef __cplusplus
}
#endif

#endif // ATTN_C_INIT_H
