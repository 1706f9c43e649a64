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

#include "attn/Distributed/Passes.h"
#include "attn/Runner/ToolStartup.h"

#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/PassManager.h"
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

/// With distribute=true each rank passes and receives its shards: the
/// function's signature after shard-partition, read from a copy of the
/// module (quietly: the lowering that follows reports any error), and a note
/// for the header naming the grids the program was partitioned for.
static std::string readRankSignature(ModuleOp module, func::FuncOp func,
                                     std::vector<BoundaryType> &args,
                                     std::vector<BoundaryType> &results) {
  std::string grids;
  module.walk([&](shard::GridOp grid) {
    std::string shape;
    for (int64_t size : grid.getShape())
      shape += (shape.empty() ? "" : "x") + (ShapedType::isDynamic(size)
                                                 ? std::string("?")
                                                 : std::to_string(size));
    grids += (grids.empty() ? "@" : ", @") + grid.getSymName().str() + " (" +
             shape + ")";
  });
  std::string note =
      "   Partitioned over processes (distribute=true) for the shard.grid " +
      (grids.empty() ? std::string("none") : grids) +
      ":\n"
      "   run it on as many MPI ranks (mpirun -n N), call MPI_Init before the\n"
      "   first call and MPI_Finalize after the last (the code does neither),\n"
      "   and pass each rank its shard of every split argument";
  OwningOpRef<ModuleOp> copy = module.clone();
  ScopedDiagnosticHandler quiet(module.getContext(),
                                [](Diagnostic &) { return success(); });
  PassManager pm(module.getContext(), ModuleOp::getOperationName());
  buildShardToMPIPipeline(pm);
  std::vector<BoundaryType> rankArgs, rankResults;
  auto rankFunc = (*copy).lookupSymbol<func::FuncOp>(func.getName());
  std::string whole = note + " (the types below are the whole function's).";
  if (failed(pm.run(*copy)) || !rankFunc)
    return whole;
  if (llvm::Error err = getSignature(rankFunc, rankArgs, rankResults)) {
    llvm::consumeError(std::move(err));
    return whole;
  }
  args = std::move(rankArgs);
  results = std::move(rankResults);
  return note + ": the types below are one rank's.";
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
  std::vector<BoundaryType> args = (*input)->getArgs(),
                            results = (*input)->getResults();
  std::string note;
  if (options.distribute)
    note = readRankSignature(module, (*input)->getFunction(), args, results);
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
    out.os() << aot::makeCHeader(name, inputFile, args, results, libraries,
                                 target, note);
    out.keep();
  }
  return 0;
}
