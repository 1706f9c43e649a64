//===- ToolStartup.cpp - what attn-run and attn-compile do first ----------===//

#include "attn/Runner/ToolStartup.h"

#include "attn/Init/InitAttn.h"
#include "attn/Init/Version.h"
#include "attn/Target/CpuTarget.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"

using namespace mlir;
using namespace mlir::attn;
namespace cl = llvm::cl;

// --target-cpu and --target-features say what the pipeline's options of
// those names say (help texts are string literals: they outlive the
// options object).
CompileFlags::CompileFlags(cl::OptionCategory &category)
    : targetCpu("target-cpu", cl::desc(CpuPipelineOptions().targetCpu.HelpStr),
                cl::cat(category)),
      targetFeatures("target-features",
                     cl::desc(CpuPipelineOptions().targetFeatures.HelpStr),
                     cl::cat(category)),
      pipelineOptions(
          "pipeline-options",
          cl::desc("Other attn-cpu-pipeline options, as in "
                   "attn-opt --attn-cpu-pipeline='...', e.g. 'tile=false "
                   "parallel=false query-block=64' (--target-cpu and "
                   "--target-features override their own)"),
          cl::value_desc("options"), cl::init(""), cl::cat(category)) {}

llvm::Error
CompileFlags::getPipelineOptions(CpuPipelineOptions &options) const {
  if (failed(options.parseFromString(pipelineOptions)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "bad --pipeline-options '" +
                                       pipelineOptions.getValue() + "'");
  if (targetCpu.getNumOccurrences())
    options.targetCpu = targetCpu.getValue();
  if (targetFeatures.getNumOccurrences())
    options.targetFeatures = targetFeatures.getValue();
  // Before any work, and the same check attn-opt's pipeline makes.
  return checkCpuTarget(options.targetCpu, options.targetFeatures);
}

cl::OptionCategory &mlir::attn::registerMlirDebugFlags() {
  static cl::OptionCategory category(
      "MLIR debugging (as in mlir-opt; they apply to the lowering)");
  // The pass-name flags (--mlir-print-ir-after=attn-tile) know the passes
  // registered when they are made.
  registerAllPasses();
  registerAttnPasses();
  registerPassManagerCLOptions();
  registerMLIRContextCLOptions();
  registerAsmPrinterCLOptions();
  registerDefaultTimingManagerCLOptions();
  // Listed by --help in their own category; the tools hide options outside
  // their categories (LLVM's own are many and of no use here).
  for (auto &entry : cl::getRegisteredOptions())
    if (entry.first.starts_with("mlir-"))
      entry.second->addCategory(category);
  return category;
}

void mlir::attn::parseToolCommandLine(
    int argc, char **argv, ArrayRef<const cl::OptionCategory *> categories,
    StringRef overview) {
  SmallVector<const cl::OptionCategory *> shown(categories);
  shown.push_back(&registerMlirDebugFlags());
  registerAttnVersionPrinter();
  cl::HideUnrelatedOptions(shown);
  cl::ParseCommandLineOptions(argc, argv, overview);
}

static DialectRegistry &compilationRegistry() {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry;
    registerForCompilation(*r);
    return r;
  }();
  return *registry;
}

InputFunction::InputFunction(const DialectRegistry &registry)
    : context(registry), diagnostics(sourceMgr, &context) {}

llvm::Expected<std::unique_ptr<InputFunction>>
InputFunction::load(StringRef path, StringRef functionName) {
  std::unique_ptr<InputFunction> input(
      new InputFunction(compilationRegistry()));
  std::string error;
  input->module =
      parseModuleFile(path, input->context, input->sourceMgr, error);
  if (!input->module)
    return llvm::createStringError(llvm::inconvertibleErrorCode(), error);
  auto func = findEntryFunction(*input->module, functionName);
  if (!func)
    return func.takeError();
  input->function = *func;
  input->name = func->getName().str();
  return std::move(input);
}

llvm::Error InputFunction::readSignature() {
  if (llvm::Error err = getSignature(function, args, results))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "@" + name + ": " +
                                       llvm::toString(std::move(err)));
  return llvm::Error::success();
}
