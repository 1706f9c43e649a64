//===- Version.cpp - which attn this is -----------------------------------===//

#include "attn/Init/Version.h"

// ATTN_VERSION and ATTN_REVISION, written at build time by
// cmake/modules/WriteVersion.cmake (rewritten only when they change).
#include "attn/Init/VersionInfo.inc"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

llvm::StringRef mlir::attn::getAttnVersion() { return ATTN_VERSION; }

llvm::StringRef mlir::attn::getAttnRevision() { return ATTN_REVISION; }

std::string mlir::attn::getAttnVersionString() {
  return "attn version " + getAttnVersion().str() + " (git " +
         getAttnRevision().str() + "), built with MLIR/LLVM " +
         LLVM_VERSION_STRING;
}

void mlir::attn::registerAttnVersionPrinter() {
  // A second call (a tool and a plugin both registering) prints it once.
  static bool registered = false;
  if (registered)
    return;
  registered = true;
  llvm::cl::AddExtraVersionPrinter(
      [](llvm::raw_ostream &os) { os << getAttnVersionString() << "\n"; });
}
