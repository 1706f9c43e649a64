//===- ReferenceRoute.h - attn ops evaluated by attn::ref -------*- C++ -*-===//
//
// `--check` compiles the function a second time with every attn op replaced
// by a call into the double-precision reference library (attn::ref), which
// shares no code with attn's lowering (the IR rewrite and its plan:
// attn/Runner/ReferencePlan.h).
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

#include "attn/Runner/ReferencePlan.h"

namespace mlir::attn::run {

/// The C symbols of the plan's call sites, bound to the thunks. `plan` must
/// outlive every call of the compiled code.
SymbolList referenceSymbols(const ReferencePlan &plan);

/// --check: compiles the function `name` of `original` (a clone of it)
/// through the reference route with `options`, runs it on `inputs`, prints the
/// route and one comparison line per result against `outputs`, and returns
/// whether every result passed.
llvm::Expected<bool>
runReferenceCheck(llvm::raw_ostream &os, ModuleOp original, StringRef name,
                  const CpuPipelineOptions &options,
                  const std::vector<::attn::runner::HostArray> &inputs,
                  const std::vector<::attn::runner::HostArray> &outputs);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_REFERENCEROUTE_H
