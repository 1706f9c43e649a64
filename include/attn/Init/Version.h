//===- Version.h - which attn this is ---------------------------*- C++ -*-===//
//
// The attn version and the git revision it was built from, for --version and
// for programs that embed attn.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_INIT_VERSION_H
#define ATTN_INIT_VERSION_H

#include "llvm/ADT/StringRef.h"

#include <string>

namespace mlir::attn {

/// The release version, e.g. "0.1.0".
llvm::StringRef getAttnVersion();

/// The git revision of the sources: a commit hash, with "-dirty" when the
/// tree had uncommitted changes, or "unknown" outside a git checkout.
llvm::StringRef getAttnRevision();

/// "attn version 0.1.0 (git 0123456789ab), built with MLIR/LLVM 22.1.0".
std::string getAttnVersionString();

/// Makes --version print getAttnVersionString() after LLVM's own lines.
void registerAttnVersionPrinter();

} // namespace mlir::attn

#endif // ATTN_INIT_VERSION_H
