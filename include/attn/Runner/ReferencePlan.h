//===- ReferencePlan.h - attn ops → calls into attn::ref --------*- C++ -*-===//
//
// The IR half of attn-run's `--check`: the function is rewritten with every
// attn op replaced by a call into the double-precision reference library
// (attn::ref), which shares no code with attn's lowering:
//
//   attn.sdpa / attn.mha  → func.call @attn_ref_K(K, operands...)
//   attn.residual         → its layer norm and residual add as such calls,
//                           with the body F (upstream ops) inlined between
//   attn.weight_ref       → kept (a constant)
//
// The plan records, per call site K, what the runtime half (attn-run's
// thunks) must evaluate.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNNER_REFERENCEPLAN_H
#define ATTN_RUNNER_REFERENCEPLAN_H

#include "attn/Runner/HostArray.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir::attn::run {

/// What one reference call site computes.
struct RefCall {
  enum class Kind { Sdpa, Mha, LayerNorm, Add };
  Kind kind;
  /// Where the replaced op was, for messages.
  std::string origin;
  /// Element kinds and ranks of the memref operands, in call order.
  std::vector<::attn::runner::ElementKind> operandKinds;
  std::vector<int64_t> operandRanks;
  ::attn::runner::ElementKind resultKind;

  // attn.sdpa and attn.mha.
  std::optional<double> scale;
  bool causal = false;
  std::optional<int64_t> causalOffset;
  bool hasMask = false;
  // attn.mha: heads and which optional operands are present.
  int64_t numHeads = 0, numKvHeads = 0, headDim = 0;
  bool hasKv = false, hasBq = false, hasBk = false, hasBv = false,
       hasBo = false;
  // Layer norm.
  double epsilon = 0.0;
};

struct ReferencePlan {
  std::vector<RefCall> calls;
  /// attn ops replaced (sdpa, mha, residual).
  unsigned numAttnOps = 0;
  /// Upstream ops left in the function (compiled with upstream lowering),
  /// not counting the return and the ops inside linalg bodies.
  unsigned numUpstreamOps = 0;
};

/// Whether `func` computes anything with attn ops (weight references alone
/// do not count): without that, --check has nothing independent to compare.
bool hasAttnComputation(func::FuncOp func);

/// The linalg contractions in `func`. attn-cpu-pipeline compiles them with
/// attn's matmul kernel; the reference route compiles them as the upstream
/// loops instead (`matmul=false`), so --check compares the kernel with code
/// that shares nothing with it.
unsigned countContractions(func::FuncOp func);

/// Rewrites `func` (in a module of its own: a clone) into the reference
/// route. Fails, naming the op, on an attn op it cannot replace.
llvm::Expected<ReferencePlan> rewriteForReference(ModuleOp module,
                                                  func::FuncOp func);

} // namespace mlir::attn::run

#endif // ATTN_RUNNER_REFERENCEPLAN_H
