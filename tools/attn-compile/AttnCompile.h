//===- AttnCompile.h - attn-compile's parts ---------------------*- C++ -*-===//

#ifndef ATTN_TOOLS_ATTN_COMPILE_ATTNCOMPILE_H
#define ATTN_TOOLS_ATTN_COMPILE_ATTNCOMPILE_H

#include "attn/Runner/Compile.h"

#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mlir::attn::aot {

/// What the code was compiled for: the CPU LLVM generated code for (the
/// host's name when `host`), its feature string, and whether it was the
/// machine running attn-compile (--target-cpu host).
struct CompiledTarget {
  std::string cpu, features;
  bool host;

  /// "cpu=x86-64-v3 features=+avx2" (no features part when there are none):
  /// what `<name>_target()` returns.
  std::string describe() const;
};

/// The C header declaring the memref descriptor structs and the
/// `_mlir_ciface_<name>` entry point of a function with these boundary
/// types, and `<name>_target()` with macros naming `target`. `source` names
/// the .mlir file and `libraries` what the code must be linked with, in
/// comments; a non-empty `note` (lines of the comment, each starting with
/// three spaces) is added to them.
std::string makeCHeader(llvm::StringRef name, llvm::StringRef source,
                        const std::vector<BoundaryType> &args,
                        const std::vector<BoundaryType> &results,
                        const std::vector<std::string> &libraries,
                        const CompiledTarget &target,
                        llvm::StringRef note = "");

/// Translates `module` (LLVM dialect) to LLVM IR, adds
/// `const char *<name>_target(void)` returning target.describe(), optimizes
/// it at -O3 for `tm` and writes `output`: LLVM IR text (.ll), an object
/// file (.o), or a shared library (.so, linked by the C compiler `cc` with
/// `libraries`: paths or -l flags).
llvm::Error emitOutput(ModuleOp module, llvm::StringRef name,
                       const CompiledTarget &target, llvm::TargetMachine &tm,
                       const std::string &output, const std::string &cc,
                       const std::vector<std::string> &libraries);

} // namespace mlir::attn::aot

#endif // ATTN_TOOLS_ATTN_COMPILE_ATTNCOMPILE_H
