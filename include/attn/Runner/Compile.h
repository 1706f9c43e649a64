//===- Compile.h - Compile one function of a module for the CPU -*- C++ -*-===//
//
// What attn-run (JIT) and attn-compile (object file / shared library) share:
// pick the function, check that its boundary types can be passed from C,
// lower the module through attn-cpu-pipeline with a C interface for the
// function, and make the LLVM TargetMachine the code is generated for.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNNER_COMPILE_H
#define ATTN_RUNNER_COMPILE_H

#include "attn/Pipelines/Pipelines.h"
#include "attn/Runner/HostArray.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mlir::attn {

/// Registers what compiling needs: every upstream pass (the pipelines are
/// partly textual), attn's passes and pipelines, and in `registry` attn's
/// and the upstream dialects with their LLVM IR translations.
void registerForCompilation(DialectRegistry &registry);

/// Parses the .mlir file `path` ("-": stdin) into a module. Syntax errors
/// go to the context's diagnostic handler; `error` says what failed.
OwningOpRef<ModuleOp> parseModuleFile(llvm::StringRef path,
                                      MLIRContext &context,
                                      llvm::SourceMgr &sourceMgr,
                                      std::string &error);

/// The function named `name` in `module` or, with an empty name, the only
/// public func.func with a body. The error names the functions there are.
llvm::Expected<func::FuncOp> findEntryFunction(ModuleOp module,
                                               llvm::StringRef name);

/// A type at a function boundary that the runner can pass: a ranked tensor
/// or memref (identity layout) of f32, f16, bf16, i1, i32, i64 or index
/// (passed as a memref descriptor), or, as an argument, a scalar f32, i1,
/// i32, i64 or index (passed by value). Dynamic sizes are
/// ShapedType::kDynamic.
struct BoundaryType {
  ::attn::runner::ElementKind kind;
  /// Empty for a scalar (and for a rank-0 tensor).
  std::vector<int64_t> shape;
  /// The MLIR type as printed, for messages ("tensor<2x?x64xf32>").
  std::string typeName;
  /// A scalar, passed by value rather than as a memref descriptor.
  bool scalar = false;
};

/// Classifies `type`; `what` ("argument 2", "result 0") names it in the
/// error. Scalars are accepted only where `allowScalar` (arguments).
llvm::Expected<BoundaryType> getBoundaryType(Type type, const llvm::Twine &what,
                                             bool allowScalar = false);

/// The boundary types of `func`'s arguments and results.
llvm::Error getSignature(func::FuncOp func, std::vector<BoundaryType> &args,
                         std::vector<BoundaryType> &results);

/// Erases the functions of `module` that `func` does not use, makes `func`
/// public with a C interface (`llvm.emit_c_interface`: the
/// `_mlir_ciface_<name>` entry point taking memref descriptors by pointer)
/// and read-only arguments (bufferization copies instead of writing into a
/// caller's buffer), then lowers `module` through buildCpuPipeline, with
/// MLIR's pass-manager and timing command-line flags applied when the tool
/// registered them. Errors are reported through the context's diagnostic
/// handler.
LogicalResult lowerForCpu(ModuleOp module, func::FuncOp func,
                          const CpuPipelineOptions &options);

/// The shared libraries that lowered `module` needs at run time besides
/// libc and libm: the OpenMP runtime (libomp) when it runs loops in
/// parallel, MLIR's libmlir_c_runner_utils when it copies strided memrefs
/// (memrefCopy). Paths found when attn was configured; an error names a
/// library that was not found.
llvm::Expected<std::vector<std::string>> getRuntimeLibraries(ModuleOp module);

/// A TargetMachine for `cpu` ("host": the machine running this) with extra
/// `features` ("+avx512f,-fma"), optimizing aggressively and generating
/// position-independent code (so objects can go into shared libraries).
/// Unknown CPU names and features are errors.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createCpuTargetMachine(llvm::StringRef cpu, llvm::StringRef features);

} // namespace mlir::attn

#endif // ATTN_RUNNER_COMPILE_H
