//===- CpuTarget.h - what attn asks about the target CPU ---------*- C++
//-*-===//
//
// The target facts that tile sizes and kernel shapes are chosen from: cache
// sizes from the module's DLTI target description and the host's vector
// width; and the one check of a CPU name and feature list that the pipeline,
// attn-set-cpu-target, attn-run and attn-compile share. Kept here so every
// pass and tool asks the same way.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TARGET_CPUTARGET_H
#define ATTN_TARGET_CPUTARGET_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace mlir {
class Operation;
} // namespace mlir

namespace mlir::attn {

/// The CPU cache size `key` ("L1_cache_size_in_bytes",
/// "L2_cache_size_in_bytes") from the `dlti.target_system_spec` that applies
/// to `op` (its `"CPU"` device), or `fallback` when there is none.
int64_t getCpuCacheSize(Operation *op, StringRef key, int64_t fallback);

/// f32 lanes of the host's widest vectors attn's kernels use: 16 with
/// AVX-512, 8 otherwise.
int64_t getHostVectorLanes();

/// The same for the target `cpu` ("host" or empty: this machine) with
/// `features` added ("+avx512f,-fma"): 16 when the result has AVX-512F, 8
/// otherwise. A named generic target (x86-64-v3) then gets the vectors it
/// has, not the compiling machine's. `cpu` and `features` must have passed
/// checkCpuTarget.
int64_t getTargetVectorLanes(llvm::StringRef cpu, llvm::StringRef features);

/// The vector-lanes option of pass `pass`, given as `lanes` and under its
/// older spelling `alias` (0: not given): the value to use, or failure with
/// an error at `op` when both are given and disagree.
FailureOr<int64_t> resolveVectorLanes(Operation *op, StringRef pass,
                                      int64_t lanes, int64_t alias);

/// Checks that `cpu` ("host", or an LLVM CPU name such as "x86-64-v3") and
/// `features` (comma-separated "+name"/"-name", e.g. "+avx512f,-fma") are
/// known to LLVM for the target this process runs on. The error names the
/// unknown value and what is expected. LLVM itself would only warn and
/// generate code for a generic CPU.
llvm::Error checkCpuTarget(llvm::StringRef cpu, llvm::StringRef features);

} // namespace mlir::attn

#endif // ATTN_TARGET_CPUTARGET_H
