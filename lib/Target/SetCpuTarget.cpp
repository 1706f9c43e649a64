//===- SetCpuTarget.cpp - target_cpu/target_features on llvm.func --------===//
//
// LLVM picks instructions per function from its "target-cpu" and
// "target-features" attributes; without them, the JIT and object files get
// generic x86-64 (SSE2) code. This pass writes them on every llvm.func.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/CpuTarget.h"
#include "attn/Target/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Host.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSETCPUTARGET
#include "attn/Target/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

/// The host's features as "+a,-b,...", sorted so the output is stable.
static std::string hostFeatures() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  SmallVector<std::string> list;
  for (const auto &feature : features)
    list.push_back((feature.second ? "+" : "-") + feature.first().str());
  llvm::sort(list);
  return llvm::join(list, ",");
}

namespace {

struct AttnSetCpuTarget : attn::impl::AttnSetCpuTargetBase<AttnSetCpuTarget> {
  using Base::Base;

  void runOnOperation() override {
    // The older option spellings (cpu=, features=) say the same; given with
    // the new one (target-cpu other than its default "host"), they must
    // agree.
    if (!cpuAlias.empty() && cpu != "host" && cpuAlias != cpu) {
      getOperation()->emitError() << "attn-set-cpu-target: target-cpu=" << cpu
                                  << " and its older spelling cpu=" << cpuAlias
                                  << " disagree: give one of them";
      return signalPassFailure();
    }
    if (!featuresAlias.empty() && !features.empty() &&
        featuresAlias != features) {
      getOperation()->emitError()
          << "attn-set-cpu-target: target-features=" << features
          << " and its older spelling features=" << featuresAlias
          << " disagree: give one of them";
      return signalPassFailure();
    }
    if (!cpuAlias.empty())
      cpu = cpuAlias.getValue();
    if (!featuresAlias.empty())
      features = featuresAlias.getValue();
    // The check the pipeline and attn-run/attn-compile make too: an unknown
    // name would otherwise be written into the IR, and LLVM would only warn.
    if (llvm::Error err = checkCpuTarget(cpu, features)) {
      getOperation().emitError("attn-set-cpu-target: ")
          << llvm::toString(std::move(err));
      return signalPassFailure();
    }
    bool host = cpu == "host";
    std::string cpuName = host ? llvm::sys::getHostCPUName().str() : cpu;
    std::string featureList = host ? hostFeatures() : std::string();
    // Later entries win in LLVM, so explicit features override the host's.
    if (!features.empty())
      featureList += (featureList.empty() ? "" : ",") + features;

    MLIRContext *ctx = &getContext();
    auto cpuAttr = StringAttr::get(ctx, cpuName);
    auto featuresAttr =
        featureList.empty()
            ? LLVM::TargetFeaturesAttr()
            : LLVM::TargetFeaturesAttr::get(ctx, StringRef(featureList));
    getOperation()->walk([&](LLVM::LLVMFuncOp func) {
      func.setTargetCpuAttr(cpuAttr);
      if (featuresAttr)
        func.setTargetFeaturesAttr(featuresAttr);
    });
  }
};

} // namespace
