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
  auto jit =
      JitFunction::compile(*module, func, options, referenceSymbols(*plan));
  if (!jit)
    return jit.takeError();
  std::vector<HostArray> reference = (*jit)->call(inputs);

  os << "reference: attn ops evaluated by attn::ref in double precision; "
     << plan->numUpstreamOps
     << " upstream ops compiled with upstream lowering\n";
  bool pass = true;
  for (unsigned i = 0; i < outputs.size(); ++i)
    pass &= printComparison(os, i, outputs[i], reference[i].toDoubles());
  return pass;
}
