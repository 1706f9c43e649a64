//===- ReferenceRoute.h - attn ops evaluated by attn::ref -------*- C++ -*-===//
//
// `--check` compiles the function a second time with every attn op replaced
// by a call into the double-precision reference library (attn::ref), which
// shares no code with attn's lowering:
//
//   attn.sdpa / attn.mha  → func.call @attn_ref_K(K, operands...)
//   attn.residual         → its layer norm and residual add as such calls,
//                           with the body F (upstream ops) inlined between
//   attn.weight_ref       → kept (a constant)
//
// `@attn_ref_K` is a private declaration with `llvm.emit_c_interface`; its C
// symbol `_mlir_ciface_attn_ref_K` is bound to a C++ thunk that reads the
// memref descriptors, looks up call site K in the plan (op kind, attributes,
// element types), evaluates attn::ref in double and returns a fresh malloc'ed
// buffer (which the compiled code frees, like any callee's result). What
// remains of the function is plain upstream IR, lowered by the same
// pipeline.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TOOLS_ATTN_RUN_REFERENCEROUTE_H
#define ATTN_TOOLS_ATTN_RUN_REFERENCEROUTE_H

#include "Jit.h"

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

/// Rewrites `func` (in a module of its own: a clone) into the reference
/// route. Fails, naming the op, on an attn op it cannot replace.
llvm::Expected<ReferencePlan> rewriteForReference(ModuleOp module,
                                                  func::FuncOp func);

/// The C symbols of the plan's call sites, bound to the thunks. `plan` must
/// outlive every call of the compiled code.
SymbolList referenceSymbols(const ReferencePlan &plan);

/// --check: compiles the function `name` of `original` (a clone of it)
/// through the reference route with `options` (which must not inject a
/// bug), runs it on `inputs`, prints the route and one comparison line per
/// result against `outputs`, and returns whether every result passed.
llvm::Expected<bool>
runReferenceCheck(llvm::raw_ostream &os, ModuleOp original, StringRef name,
                  const CpuPipelineOptions &options,
                  const std::vector<::attn::runner::HostArray> &inputs,
                  const std::vector<::attn::runner::HostArray> &outputs);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_REFERENCEROUTE_H
