//===- Jit.h - A function JIT-compiled through attn-cpu-pipeline -*- C++
//-*-===//

#ifndef ATTN_TOOLS_ATTN_RUN_JIT_H
#define ATTN_TOOLS_ATTN_RUN_JIT_H

#include "attn/Runner/Compile.h"
#include "attn/Runner/HostArray.h"

#include "mlir/ExecutionEngine/ExecutionEngine.h"

#include <memory>
#include <utility>
#include <vector>

namespace mlir::attn::run {

/// Extra symbols the compiled code may call: (C symbol name, address).
using SymbolList = std::vector<std::pair<std::string, void *>>;

/// One function lowered through attn-cpu-pipeline and JIT-compiled at -O3,
/// called through its C interface with host arrays.
class JitFunction {
public:
  /// Lowers `module` in place (`func` must be in it) and JIT-compiles it for
  /// the pipeline options' target CPU and features. Lowering errors are
  /// reported through the context's diagnostic handler.
  static llvm::Expected<std::unique_ptr<JitFunction>>
  compile(ModuleOp module, func::FuncOp func, const CpuPipelineOptions &options,
          const SymbolList &symbols = {});

  /// Calls the function; returns its results as contiguous host arrays (the
  /// buffers the compiled code returned are copied and freed), or the
  /// message of a runtime check that failed (sizes that disagree), which
  /// the compiled code reports through `@<name>_error()`
  /// (attn-runtime-checks-to-status) instead of aborting.
  llvm::Expected<std::vector<::attn::runner::HostArray>>
  call(const std::vector<::attn::runner::HostArray> &inputs) const;

  /// Calls the function and frees its results (for timing).
  void
  callAndDiscard(const std::vector<::attn::runner::HostArray> &inputs) const;

private:
  JitFunction() = default;
  /// Calls the function; `resultWords` receives the result descriptors.
  /// Returns the failed runtime check's message, or null.
  const char *invoke(const std::vector<::attn::runner::HostArray> &inputs,
                     std::vector<int64_t> &resultWords) const;
  /// Frees the result buffers in `resultWords` that the inputs do not own.
  void freeResults(const std::vector<::attn::runner::HostArray> &inputs,
                   std::vector<int64_t> &resultWords) const;

  std::unique_ptr<ExecutionEngine> engine;
  void (*entry)(void **) = nullptr;
  /// `@<name>_error()`: the last call's failed check, or null.
  const char *(*lastError)() = nullptr;
  std::vector<BoundaryType> args, results;
};

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_JIT_H
