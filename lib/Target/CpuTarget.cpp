//===- CpuTarget.cpp - what attn's passes ask about the target CPU --------===//

#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "llvm/ADT/StringMap.h"
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
