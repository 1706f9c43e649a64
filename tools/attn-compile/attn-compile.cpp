//===- attn-compile.cpp - Compile one function to an object or library ---===//
//
// attn-compile FILE.mlir [--function NAME] -o OUT.{o,so,ll} [--header OUT.h]
//
// Lowers the function through attn-cpu-pipeline (the code attn-run JITs)
// and writes it ahead of time, with a C header declaring its entry point
// `_mlir_ciface_NAME`. See docs/running.md and examples/aot/.
//
//===----------------------------------------------------------------------===//

#include "AttnCompile.h"

#include "attn/Runner/ToolStartup.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"

using namespace mlir;
using namespace mlir::attn;
namespace cl = llvm::cl;

static cl::OptionCategory compileCat("attn-compile options");

static cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                                      cl::desc("<input .mlir file>"),
                                      cl::cat(compileCat));
static cl::opt<std::string>
    functionName("function",
                 cl::desc("Function to compile (default: the only public one)"),
                 cl::value_desc("name"), cl::cat(compileCat));
static cl::opt<std::string> output(
    "o", cl::Required,
    cl::desc("Output: an object file (.o), a shared library (.so) or LLVM IR "
             "(.ll)"),
    cl::value_desc("file"), cl::cat(compileCat));
static cl::opt<std::string>
    header("header", cl::desc("Also write a C header declaring the function"),
           cl::value_desc("file.h"), cl::cat(compileCat));
static CompileFlags compileFlags(compileCat);
static cl::opt<std::string>
    cc("cc", cl::desc("C compiler that links shared libraries"),
       cl::init(ATTN_DEFAULT_CC), cl::cat(compileCat));

static int fail(const llvm::Twine &message) {
  llvm::WithColor::error(llvm::errs(), "attn-compile") << message << "\n";
  return 1;
}

static bool isCIdentifier(StringRef name) {
  return !name.empty() && !llvm::isDigit(name.front()) &&
         llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  parseToolCommandLine(
      argc, argv, {&compileCat},
      "attn-compile: compile one function of a .mlir file through "
      "attn-cpu-pipeline to an object file or shared library with a C "
      "header\n");

  auto input = InputFunction::load(inputFile, functionName);
  if (!input)
    return fail(llvm::toString(input.takeError()));
  const std::string &name = (*input)->getName();
  if (!isCIdentifier(name))
    return fail("@" + name +
                " is not a C identifier, so it has no C "
                "interface; rename the function");
  if (llvm::Error err = (*input)->readSignature())
    return fail(llvm::toString(std::move(err)));
  ModuleOp module = (*input)->getModule();

  CpuPipelineOptions options;
  if (llvm::Error err = compileFlags.getPipelineOptions(options))
    return fail(llvm::toString(std::move(err)));
  auto tm = createCpuTargetMachine(options.targetCpu, options.targetFeatures);
  if (!tm)
    return fail(llvm::toString(tm.takeError()));
  if (failed(lowerForCpu(module, (*input)->getFunction(), options)))
    return fail("lowering @" + name + " through attn-cpu-pipeline failed");
  // A shared library is linked with the runtime libraries the code calls
  // into (libomp, ...); users of an object file must link them.
  auto runtime = getRuntimeLibraries(module);
  if (!runtime)
    return fail("@" + name + ": " + llvm::toString(runtime.takeError()));
  std::vector<std::string> libraries = *runtime;
  libraries.push_back("-lm");
  aot::CompiledTarget target{
      (*tm)->getTargetCPU().str(), (*tm)->getTargetFeatureString().str(),
      options.targetCpu.empty() || options.targetCpu == "host"};
  if (llvm::Error err =
          aot::emitOutput(module, name, target, **tm, output, cc, libraries))
    return fail(llvm::toString(std::move(err)));

  if (!header.empty()) {
    std::error_code ec;
    llvm::ToolOutputFile out(header, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return fail("cannot write " + header + ": " + ec.message());
    out.os() << aot::makeCHeader(name, inputFile, (*input)->getArgs(),
                                 (*input)->getResults(), libraries, target);
    out.keep();
  }
  return 0;
}
