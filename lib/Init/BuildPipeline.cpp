//===- BuildPipeline.cpp - build a registered attn pipeline by name -------===//

#include "attn/Init/InitAttn.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

LogicalResult mlir::attn::buildAttnPipeline(
    OpPassManager &pm, StringRef name, StringRef options,
    function_ref<LogicalResult(const Twine &)> errorHandler) {
  bool reported = false;
  auto report = [&](const Twine &message) -> LogicalResult {
    reported = true;
    if (errorHandler)
      return errorHandler(message);
    llvm::errs() << "attn: " << message << "\n";
    return failure();
  };

  const PassPipelineInfo *info = PassPipelineInfo::lookup(name);
  if (!info)
    return report("unknown pass pipeline '" + name + "'");
  if (succeeded(info->addToPipeline(pm, options, report)))
    return success();
  // PassPipelineRegistration rejects bad options without calling the error
  // handler (it prints to llvm::errs()), so make sure the caller hears of it.
  if (!reported)
    return report("invalid options '" + options + "' for pass pipeline '" +
                  name + "'");
  return failure();
}
