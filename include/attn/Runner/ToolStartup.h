//===- ToolStartup.h - what attn-run and attn-compile do first --*- C++ -*-===//
//
// The start-up both tools share: their compile flags (--target-cpu,
// --target-features, --pipeline-options, whose help comes from the pipeline's
// own options), MLIR's debugging flags (--mlir-print-ir-after-all,
// --mlir-timing, ...), and loading the input: registering attn, parsing the
// file, choosing the function and reading its boundary types.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNNER_TOOLSTARTUP_H
#define ATTN_RUNNER_TOOLSTARTUP_H

#include "attn/Runner/Compile.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/SourceMgr.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir::attn {

/// The flags that choose how a tool compiles, declared in `category`.
/// --target-cpu and --target-features are attn-cpu-pipeline's options of
/// those names, given directly; they override --pipeline-options.
class CompileFlags {
public:
  explicit CompileFlags(llvm::cl::OptionCategory &category);

  /// The pipeline options the flags ask for. The error names a bad
  /// --pipeline-options string or an unknown target CPU or feature
  /// (checkCpuTarget).
  llvm::Error getPipelineOptions(CpuPipelineOptions &options) const;

private:
  llvm::cl::opt<std::string> targetCpu, targetFeatures, pipelineOptions;
};

/// Registers MLIR's debugging flags, those mlir-opt has for its pass manager
/// (--mlir-print-ir-after-all, --mlir-print-ir-after-failure, ...), context
/// (--mlir-disable-threading, ...), printer (--mlir-print-debuginfo, ...)
/// and timing (--mlir-timing), and returns the category --help lists them in.
/// Call before parsing the command line; lowerForCpu applies them.
llvm::cl::OptionCategory &registerMlirDebugFlags();

/// Parses a tool's command line: registers MLIR's debugging flags
/// (registerMlirDebugFlags) and attn's --version, and has --help list the
/// options in `categories` and the debugging flags, not LLVM's own.
void parseToolCommandLine(
    int argc, char **argv,
    llvm::ArrayRef<const llvm::cl::OptionCategory *> categories,
    llvm::StringRef overview);

/// A .mlir file loaded for compiling one of its functions: the context
/// (with attn and everything its pipelines need registered), the module,
/// and the chosen function with its boundary types. Diagnostics are printed
/// with their source locations.
class InputFunction {
public:
  /// Parses `path` ("-": stdin) and picks the function `functionName` (or
  /// the only public one). The error says what failed.
  static llvm::Expected<std::unique_ptr<InputFunction>>
  load(llvm::StringRef path, llvm::StringRef functionName);

  /// Reads the function's argument and result types (after load: a tool
  /// may check the function first). The error names the function.
  llvm::Error readSignature();

  MLIRContext &getContext() { return context; }
  ModuleOp getModule() { return *module; }
  func::FuncOp getFunction() { return function; }
  /// The function's name, without '@'.
  const std::string &getName() const { return name; }
  const std::vector<BoundaryType> &getArgs() const { return args; }
  const std::vector<BoundaryType> &getResults() const { return results; }

private:
  explicit InputFunction(const DialectRegistry &registry);

  MLIRContext context;
  llvm::SourceMgr sourceMgr;
  SourceMgrDiagnosticHandler diagnostics;
  OwningOpRef<ModuleOp> module;
  func::FuncOp function;
  std::string name;
  std::vector<BoundaryType> args, results;
};

} // namespace mlir::attn

#endif // ATTN_RUNNER_TOOLSTARTUP_H
