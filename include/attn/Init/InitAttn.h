//===- InitAttn.h - register attn with an MLIR context ----------*- C++ -*-===//
//
// The entry points for embedding attn in another tool: one call registers the
// dialects (attn and the upstream ones its pipelines produce, with their
// interfaces and LLVM IR translations), one registers attn's passes and
// pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_INIT_INITATTN_H
#define ATTN_INIT_INITATTN_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/LogicalResult.h"

namespace mlir {
class DialectRegistry;
class OpPassManager;
} // namespace mlir

namespace mlir::attn {

/// Inserts the attn dialect and every dialect, extension and LLVM IR
/// translation interface attn's pipelines need into `registry`.
void registerAttnDialects(DialectRegistry &registry);

/// Registers attn's passes and pipelines with the global pass registry.
void registerAttnPasses();

/// Adds the registered pipeline `name` (e.g. "attn-cpu-pipeline") to `pm`
/// with `options` in --pass-pipeline syntax ("target-cpu=znver4"), for tools
/// and bindings that pick a pipeline by name; C++ code that knows which one
/// it wants can call its builder (buildCpuPipeline) directly. The pipeline
/// and the upstream passes it names must be registered (registerAttnPasses,
/// mlir::registerAllPasses). Errors go to `errorHandler`, or to llvm::errs()
/// without one.
LogicalResult buildAttnPipeline(
    OpPassManager &pm, StringRef name, StringRef options = "",
    function_ref<LogicalResult(const Twine &)> errorHandler = nullptr);

} // namespace mlir::attn

#endif // ATTN_INIT_INITATTN_H
