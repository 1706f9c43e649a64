//===- CpuTarget.cpp - what attn's passes ask about the target CPU --------===//

#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/IR/Operation.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;

int64_t mlir::attn::getCpuCacheSize(Operation *op, StringRef key,
                                    int64_t fallback) {
  FailureOr<Attribute> attr = dlti::query(op, {"CPU", key}, false);
  if (succeeded(attr))
    if (auto i = dyn_cast<IntegerAttr>(*attr))
      return i.getValue().getZExtValue();
  return fallback;
}

int64_t mlir::attn::getHostVectorLanes() {
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  return features.lookup("avx512f") ? 16 : 8;
}

/// LLVM's description of `cpu` with `features` on the target this process
/// runs on (what a host-compiled module is compiled for), or null with
/// `error` saying why.
static std::unique_ptr<llvm::MCSubtargetInfo>
createSubtargetInfo(StringRef cpu, StringRef features, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, lookupError);
  if (!target) {
    error = "no LLVM target for " + triple.str() + ": " + lookupError;
    return nullptr;
  }
  std::unique_ptr<llvm::MCSubtargetInfo> info(
      target->createMCSubtargetInfo(triple, cpu, features));
  if (!info)
    error = "no subtarget information for " + triple.str();
  return info;
}

int64_t mlir::attn::getTargetVectorLanes(StringRef cpu, StringRef features) {
  if ((cpu.empty() || cpu == "host") && features.empty())
    return getHostVectorLanes();
  // An unknown name is reported by whoever checks the target; LLVM would
  // print a warning here.
  if (llvm::Error err = checkCpuTarget(cpu, features)) {
    llvm::consumeError(std::move(err));
    return getHostVectorLanes();
  }
  // Only x86 has the avx512f feature; elsewhere keep the host's answer.
  llvm::Triple triple(llvm::sys::getProcessTriple());
  if (!triple.isX86())
    return getHostVectorLanes();
  std::string cpuName = cpu.empty() || cpu == "host"
                            ? llvm::sys::getHostCPUName().str()
                            : cpu.str();
  std::string error;
  std::unique_ptr<llvm::MCSubtargetInfo> info =
      createSubtargetInfo(cpuName, features, error);
  if (!info)
    return getHostVectorLanes();
  return info->checkFeatures("+avx512f") ? 16 : 8;
}

FailureOr<int64_t> mlir::attn::resolveVectorLanes(Operation *op, StringRef pass,
                                                  int64_t lanes,
                                                  int64_t alias) {
  if (alias != 0 && lanes != 0 && alias != lanes)
    return op->emitError() << pass << ": vector-lanes=" << lanes
                           << " and its older spelling lanes=" << alias
                           << " disagree: give one of them";
  return alias != 0 ? alias : lanes;
}

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error mlir::attn::checkCpuTarget(StringRef cpu, StringRef features) {
  llvm::Triple triple(llvm::sys::getProcessTriple());
  std::string error;
  std::unique_ptr<llvm::MCSubtargetInfo> info =
      createSubtargetInfo("", "", error);
  if (!info)
    return makeError(error);
  if (!cpu.empty() && cpu != "host" && !info->isCPUStringValid(cpu))
    return makeError("unknown CPU '" + cpu + "' for " + triple.str() +
                     " (expected 'host' or an LLVM CPU name, e.g. "
                     "'x86-64-v3', 'skylake-avx512', 'znver4')");
  SmallVector<StringRef> list;
  features.split(list, ',', -1, /*KeepEmpty=*/false);
  for (StringRef feature : list) {
    feature = feature.trim();
    StringRef name = feature.drop_front();
    bool known = llvm::any_of(
        info->getAllProcessorFeatures(),
        [&](const llvm::SubtargetFeatureKV &kv) { return kv.Key == name; });
    if ((!feature.starts_with("+") && !feature.starts_with("-")) || !known)
      return makeError("unknown target feature '" + feature + "' for " +
                       triple.str() +
                       " (expected a comma-separated list of +name or -name, "
                       "e.g. '+avx512f,-fma')");
  }
  return llvm::Error::success();
}
