//===- attn-fuzz-mlir.cpp - libFuzzer target: MLIR text through attn -----===//
//
// Parses arbitrary bytes as MLIR with attn's dialects registered; when the
// module parses and verifies, runs attn's passes and the CPU pipeline
// (attn-cpu-pipeline, single-threaded code) on it. Any crash, sanitizer
// report or hang is a finding; diagnostics are the expected answer to bad
// input and are swallowed.
//
// The pipeline runs only on modules whose ops are all from builtin, func,
// arith, tensor and attn, so the fuzzer spends its time in attn's parser,
// verifiers and passes rather than in upstream lowerings of arbitrary
// upstream IR (a crash that reproduces with upstream mlir-opt alone is not
// attn's: docs/robustness.md).
//
//===----------------------------------------------------------------------===//

#include "attn/Init/InitAttn.h"
#include "attn/Pipelines/Pipelines.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <cstddef>
#include <cstdint>
#include <string>

using namespace mlir;

/// Whether every op of `module` is from builtin, func, arith, tensor, attn
/// or (with `linalg`) linalg.
static bool onlyDialectsAttnTakes(ModuleOp module, bool linalg) {
  return !module
              ->walk([&](Operation *op) {
                StringRef ns = op->getName().getDialectNamespace();
                return ns == "builtin" || ns == "func" || ns == "arith" ||
                               ns == "tensor" || ns == "attn" ||
                               (linalg && ns == "linalg")
                           ? WalkResult::advance()
                           : WalkResult::interrupt();
              })
              .wasInterrupted();
}

static const DialectRegistry &registry() {
  static DialectRegistry *r = [] {
    auto *reg = new DialectRegistry();
    attn::registerAttnDialects(*reg);
    return reg;
  }();
  return *r;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  // A fresh context per input, so nothing one input interns can change how
  // the next one behaves; threading off for reproducible runs.
  MLIRContext context(registry(), MLIRContext::Threading::DISABLED);
  context.allowUnregisteredDialects(false);
  ScopedDiagnosticHandler quiet(&context,
                                [](Diagnostic &) { return success(); });
  // MLIR's lexer reads up to a terminating NUL, as every file buffer has
  // (MemoryBuffer): give it one, as the tools do.
  std::string text(reinterpret_cast<const char *>(data), size);
  OwningOpRef<ModuleOp> module = parseSourceString<ModuleOp>(text, &context);
  if (!module || failed(verify(*module)))
    return 0;
  if (!onlyDialectsAttnTakes(*module, /*linalg=*/true))
    return 0;

  // attn's graph passes alone (linalg too, for attn-raise), on a copy.
  {
    OwningOpRef<ModuleOp> copy = module->clone();
    PassManager pm(&context);
    if (succeeded(parsePassPipeline(
            "builtin.module(attn-share-weights,attn-raise,canonicalize,"
            "attn-decompose-layers,attn-pack-query-groups,attn-tile,"
            "canonicalize)",
            pm)))
      (void)pm.run(*copy);
  }
  // Then the whole pipeline, down to the LLVM dialect.
  if (!onlyDialectsAttnTakes(*module, /*linalg=*/false))
    return 0;
  attn::CpuPipelineOptions options;
  options.parallel = false;
  PassManager pm(&context);
  attn::buildCpuPipeline(pm, options);
  (void)pm.run(*module);
  return 0;
}

extern "C" int LLVMFuzzerInitialize(int *, char ***) {
  attn::registerAttnPasses();
  return 0;
}
