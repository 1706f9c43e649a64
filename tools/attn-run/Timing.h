//===- Timing.h - attn-run --repeat: time and GFLOP/s ----------*- C++ -*-===//

#ifndef ATTN_TOOLS_ATTN_RUN_TIMING_H
#define ATTN_TOOLS_ATTN_RUN_TIMING_H

#include "Jit.h"

#include "attn/Runner/HostArray.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <vector>

namespace mlir::attn::run {

/// Floating-point operations of one call of `func` on `inputs`: attn.sdpa
/// 2·B·Hq·Sq·Skv·(D + Dv), halved when causal with Sq == Skv; attn.mha its
/// projections (2·M·N·K each) plus its attention; linalg.matmul 2·M·N·K and
/// linalg.batch_matmul 2·B·M·N·K. Other ops count nothing. std::nullopt when
/// a size is dynamic and not an argument's.
std::optional<double>
countFlops(func::FuncOp func,
           const std::vector<::attn::runner::HostArray> &inputs);

/// Runs `jit` once to warm up, then `repeat` times, and prints the median
/// time and, when `flops` is known, GFLOP/s.
void printTiming(llvm::raw_ostream &os, const JitFunction &jit,
                 const std::vector<::attn::runner::HostArray> &inputs,
                 unsigned repeat, std::optional<double> flops);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_TIMING_H
