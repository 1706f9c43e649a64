//===- TestPasses.h - attn's test-only passes -------------------*- C++ -*-===//
//
// Registered by attn-opt, and used by attn-run, only in builds with
// ATTN_INCLUDE_TESTS: they exist to test the tools, not to compile models.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TEST_LIB_TRANSFORMS_TESTPASSES_H
#define ATTN_TEST_LIB_TRANSFORMS_TESTPASSES_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"

namespace mlir::attn::test {

/// Registers test-attn-inject-bug.
void registerTestAttnPasses();

/// Decomposes `module`'s layers and makes every attn.sdpa in it compute a
/// deliberately wrong attention (`bug`: wrong-scale, ignore-mask,
/// wrong-grouping or causal-off-by-one), so attn-run --test-inject-bug can
/// show that --check catches it. Errors are emitted on the ops (or, for an
/// unknown name, on the module).
LogicalResult injectBugForTest(ModuleOp module, llvm::StringRef bug);

} // namespace mlir::attn::test

#endif // ATTN_TEST_LIB_TRANSFORMS_TESTPASSES_H
