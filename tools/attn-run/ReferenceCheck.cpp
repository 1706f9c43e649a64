//===- ReferenceCheck.cpp - attn-run --check ------------------------------===//

#include "ReferenceRoute.h"
#include "Report.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::HostArray;

llvm::Expected<bool> mlir::attn::run::runReferenceCheck(
    llvm::raw_ostream &os, ModuleOp original, StringRef name,
    const CpuPipelineOptions &options, const std::vector<HostArray> &inputs,
    const std::vector<HostArray> &outputs) {
  OwningOpRef<ModuleOp> module = original.clone();
  auto func = module->lookupSymbol<func::FuncOp>(name);
  auto plan = rewriteForReference(*module, func);
  if (!plan)
    return plan.takeError();
  // Contractions as upstream loops, not attn's matmul kernel, so that the
  // kernel is compared with code that shares nothing with it.
  unsigned contractions = options.matmul ? countContractions(func) : 0;
  CpuPipelineOptions referenceOptions;
  referenceOptions.copyOptionValuesFrom(options);
  referenceOptions.matmul = false;
  // Attention written in linalg stays as written (upstream's lowering), so
  // attn-raise's attn.sdpa and the flash kernel are checked against it.
  referenceOptions.raise = false;
  auto jit = JitFunction::compile(*module, func, referenceOptions,
                                  referenceSymbols(*plan));
  if (!jit)
    return jit.takeError();
  auto called = (*jit)->call(inputs);
  if (!called)
    return called.takeError();
  std::vector<HostArray> reference = std::move(*called);

  os << "reference: attn ops evaluated by attn::ref in double precision; "
     << plan->numUpstreamOps << " upstream ops compiled with upstream lowering";
  if (contractions)
    os << " (" << contractions
       << " contractions as loops, not attn's matmul kernel)";
  os << "\n";
  bool pass = true;
  for (unsigned i = 0; i < outputs.size(); ++i)
    pass &= printComparison(os, i, outputs[i], reference[i].toDoubles());
  return pass;
}
