//===- Report.h - attn-run's printed results and comparisons ----*- C++ -*-===//

#ifndef ATTN_TOOLS_ATTN_RUN_REPORT_H
#define ATTN_TOOLS_ATTN_RUN_REPORT_H

#include "attn/Runner/Compile.h"
#include "attn/Runner/HostArray.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mlir::attn::run {

/// Two lines for result `index`: its shape and type, then a few values,
/// the mean and the largest magnitude.
void printSummary(llvm::raw_ostream &os, unsigned index,
                  const BoundaryType &type,
                  const ::attn::runner::HostArray &array);

/// Writes `array` as a .npy file (bf16 as '<f4', i1 as '|b1').
llvm::Error writeNpyOutput(const std::string &path,
                           const ::attn::runner::HostArray &array);

/// Reads an expected result from `path`; its shape must be `actual`'s.
llvm::Expected<std::vector<double>>
readExpected(const std::string &path, unsigned index,
             const ::attn::runner::HostArray &actual);

/// Compares result `index` with `expected` under its element type's
/// tolerance (an element fails when |a − r| > atol + rtol·|r|; a NaN or inf
/// must match exactly), prints one line ending in PASS or FAIL, and returns
/// whether it passed.
bool printComparison(llvm::raw_ostream &os, unsigned index,
                     const ::attn::runner::HostArray &actual,
                     const std::vector<double> &expected);

/// Compares the results with the .npy files `paths` (one per result, or
/// none), printing a line each; returns whether all passed.
llvm::Expected<bool>
compareWithFiles(llvm::raw_ostream &os, const std::vector<std::string> &paths,
                 const std::vector<::attn::runner::HostArray> &outputs);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_REPORT_H
