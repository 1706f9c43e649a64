//===- attn-run.cpp - JIT-compile and run one function of a .mlir file ----===//
//
// attn-run FILE.mlir [--function NAME] [inputs] [--check] [--repeat N]
//
// Lowers the function through attn-cpu-pipeline, JIT-compiles it at -O3,
// runs it on seeded random or .npy inputs and prints its results; --check
// compares them with the double-precision reference (ReferenceRoute.h),
// --repeat times it. See docs/running.md.
//
//===----------------------------------------------------------------------===//

#include "Inputs.h"
#include "Jit.h"
#include "Preflight.h"
#include "ReferenceRoute.h"
#include "Report.h"
#include "Timing.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Runner/MemoryLimits.h"
#include "attn/Runner/ToolStartup.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

#ifdef ATTN_INCLUDE_TESTS
#include "TestPasses.h"
#endif
#include <cmath>
#include <cstdio>
#ifdef __GLIBC__
#include <malloc.h> // malloc_trim
#endif

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
namespace cl = llvm::cl;

static cl::OptionCategory compileCat("Compilation");
static cl::OptionCategory outputCat("Checking, output and timing");

static cl::opt<std::string> inputFile(cl::Positional, cl::Required,
                                      cl::desc("<input .mlir file>"),
                                      cl::cat(inputCategory()));
static cl::opt<std::string>
    functionName("function",
                 cl::desc("Function to run (default: the only public one)"),
                 cl::value_desc("name"), cl::cat(inputCategory()));
static CompileFlags compileFlags(compileCat);
#ifdef ATTN_INCLUDE_TESTS
static cl::opt<std::string> injectBug(
    "test-inject-bug",
    cl::desc("Test only: compile every attn.sdpa deliberately wrong "
             "(wrong-scale, ignore-mask, wrong-grouping, causal-off-by-one; "
             "test-attn-inject-bug) to show that --check catches it"),
    cl::value_desc("kind"), cl::init(""), cl::cat(compileCat));
#endif

static cl::opt<bool>
    check("check",
          cl::desc("Compare every result with the double-precision reference "
                   "(attn::ref); exit 1 if one is out of tolerance"),
          cl::cat(outputCat));
static cl::list<std::string>
    expected("expected",
             cl::desc("Comma-separated .npy files the results must match (same "
                      "tolerances as --check)"),
             cl::value_desc("r0.npy,r1.npy"), cl::CommaSeparated,
             cl::cat(outputCat));
static cl::opt<std::string>
    outputNpy("output-npy", cl::desc("Write result i to <prefix>i.npy"),
              cl::value_desc("prefix"), cl::cat(outputCat));
static cl::opt<unsigned> repeat(
    "repeat",
    cl::desc("Time N runs after a warm-up; print the median and GFLOP/s"),
    cl::value_desc("N"), cl::init(0), cl::cat(outputCat));

static int fail(const llvm::Twine &message) {
  llvm::outs().flush();
  llvm::WithColor::error(llvm::errs(), "attn-run") << message << "\n";
  return 1;
}

static int fail(llvm::Error error) {
  return fail(llvm::toString(std::move(error)));
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  // A check the compiled code cannot report as a status (one inside a
  // parallel loop) still prints with puts() and aborts: line-buffer stdout
  // so the message is out before the abort, even when stdout is a pipe.
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  parseToolCommandLine(
      argc, argv, {&inputCategory(), &compileCat, &outputCat},
      "attn-run: JIT-compile one function of a .mlir file through "
      "attn-cpu-pipeline, run it, and check it against a double-precision "
      "reference\n");

  auto input = InputFunction::load(inputFile, functionName);
  if (!input)
    return fail(input.takeError());
  if (llvm::Error err = (*input)->readSignature())
    return fail(std::move(err));
  ModuleOp module = (*input)->getModule();
  func::FuncOp func = (*input)->getFunction();
  const std::string &name = (*input)->getName();
  const std::vector<BoundaryType> &argTypes = (*input)->getArgs(),
                                  &resultTypes = (*input)->getResults();

  auto inputOptions = getInputOptions();
  if (!inputOptions)
    return fail(inputOptions.takeError());
  func.walk([&](MhaOp mha) {
    for (Value weight : {mha.getWq(), mha.getWk(), mha.getWv(), mha.getWo()}) {
      auto arg = dyn_cast<BlockArgument>(weight);
      int64_t rows = cast<RankedTensorType>(weight.getType())
                         .getDimSize(mha_dim::kWeightRows);
      if (arg && arg.getOwner()->isEntryBlock() &&
          arg.getOwner()->getParentOp() == func.getOperation() && rows > 0)
        inputOptions->argScales[arg.getArgNumber()] =
            1.0 / std::sqrt(static_cast<double>(rows));
    }
  });
  if (llvm::Error err = checkMemoryNeeds(argTypes, resultTypes, *inputOptions,
                                         physicalMemoryBytes()))
    return fail("@" + name + ": " + llvm::toString(std::move(err)));
  if (!expected.empty() && expected.size() != resultTypes.size())
    return fail("@" + name + " has " + llvm::Twine(resultTypes.size()) +
                " results but " + llvm::Twine(expected.size()) +
                " --expected files were given");
  // Compile before the inputs exist and hand the compiler's freed heap back
  // to the system, so the process's peak memory (which the benchmark
  // reports) is the compiled code's, not the compiler's plus the data's.
  CpuPipelineOptions options;
  if (llvm::Error err = compileFlags.getPipelineOptions(options))
    return fail(std::move(err));
  if (options.distribute)
    return fail("distribute=true makes the program of one MPI rank, which "
                "attn-run (one process, no MPI_Init) cannot run: compile it "
                "with attn-compile and run it under mpirun "
                "(docs/distributed.md)");
  // Contractions compiled by attn's matmul kernel are checked against the
  // upstream loops.
  if (check && !hasAttnComputation(func) &&
      !(options.matmul && countContractions(func) > 0))
    return fail("--check: @" + name +
                " has no attn op and no contraction compiled by attn's "
                "matmul kernel, so there is no independent reference to "
                "compare it with");
  auto jit = [&]() -> llvm::Expected<std::unique_ptr<JitFunction>> {
    OwningOpRef<ModuleOp> compiled = module.clone();
#ifdef ATTN_INCLUDE_TESTS
    // Only the compiled route gets the bug; the reference is built from the
    // module as written.
    if (!injectBug.empty() &&
        failed(test::injectBugForTest(*compiled, injectBug)))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "--test-inject-bug failed");
#endif
    return JitFunction::compile(
        *compiled, compiled->lookupSymbol<func::FuncOp>(name), options);
  }();
  if (!jit)
    return fail(jit.takeError());
#ifdef __GLIBC__
  malloc_trim(0);
#endif

  auto inputs = makeInputs(argTypes, *inputOptions);
  if (!inputs)
    return fail("@" + name + ": " + llvm::toString(inputs.takeError()));
  std::optional<double> flops = countFlops(func, *inputs);
  auto called = (*jit)->call(*inputs);
  if (!called)
    return fail("@" + name + ": " + llvm::toString(called.takeError()));
  std::vector<::attn::runner::HostArray> outputs = std::move(*called);

  llvm::outs() << "@" << name << ": " << describeInputs(*inputOptions) << "\n";
  for (unsigned i = 0; i < outputs.size(); ++i) {
    printSummary(llvm::outs(), i, resultTypes[i], outputs[i]);
    if (!outputNpy.empty())
      if (llvm::Error err = writeNpyOutput(
              outputNpy + std::to_string(i) + ".npy", outputs[i]))
        return fail(std::move(err));
  }

  auto pass = compareWithFiles(llvm::outs(), expected, outputs);
  if (!pass)
    return fail(pass.takeError());
  if (check) {
    auto checked = runReferenceCheck(llvm::outs(), module, name, options,
                                     *inputs, outputs);
    if (!checked)
      return fail(checked.takeError());
    *pass &= *checked;
  }
  // The timed calls make their own results; these copies are done with.
  outputs.clear();
  outputs.shrink_to_fit();
  if (repeat > 0)
    printTiming(llvm::outs(), **jit, *inputs, repeat, flops);
  llvm::outs().flush();
  return *pass ? 0 : 1;
}
