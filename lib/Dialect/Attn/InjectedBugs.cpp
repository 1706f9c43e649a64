//===- InjectedBugs.cpp - deliberate miscompilations for tests ------------===//

#include "attn/Dialect/Attn/InjectedBugs.h"

#include "llvm/ADT/StringSwitch.h"

std::optional<mlir::attn::SdpaInjectedBug>
mlir::attn::parseSdpaInjectedBug(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<SdpaInjectedBug>>(name)
      .Case("", SdpaInjectedBug::None)
      .Case("wrong-scale", SdpaInjectedBug::WrongScale)
      .Case("ignore-mask", SdpaInjectedBug::IgnoreMask)
      .Case("wrong-grouping", SdpaInjectedBug::WrongGrouping)
      .Case("causal-off-by-one", SdpaInjectedBug::CausalOffByOne)
      .Default(std::nullopt);
}
