//===- Inputs.h - attn-run's function inputs --------------------*- C++ -*-===//
//
// One host array per function argument: seeded random values, or the
// contents of .npy files checked against the argument types.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TOOLS_ATTN_RUN_INPUTS_H
#define ATTN_TOOLS_ATTN_RUN_INPUTS_H

#include "attn/Runner/Compile.h"
#include "attn/Runner/HostArray.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <vector>

namespace mlir::attn::run {

enum class InitKind {
  /// Standard normal values.
  Normal,
  /// Integers in [-2, 2] stored as floats: exact in f32, f16 and bf16, and
  /// small enough that softmax over them does not saturate.
  SmallInt,
};

enum class MaskFill {
  /// Each i1 element true with probability 0.8.
  Random,
  /// Every i1 element true.
  AllTrue,
};

struct InputOptions {
  InitKind init = InitKind::Normal;
  MaskFill maskFill = MaskFill::Random;
  uint64_t seed = 0;
  /// One .npy file per argument, or none for random inputs.
  std::vector<std::string> npyFiles;
  /// Shapes for arguments with dynamic sizes, by argument index.
  std::map<unsigned, std::vector<int64_t>> argShapes;
  /// Factors applied to random normal values, by argument index: attn.mha
  /// weights given as arguments get 1/sqrt(rows) (Xavier-like), so scores
  /// stay in the range real layers have; unit-variance weights make them so
  /// large that f32 rounding alone exceeds the f32 tolerance.
  std::map<unsigned, double> argScales;
};

/// The "Inputs" category of attn-run's flags.
llvm::cl::OptionCategory &inputCategory();

/// The options given by the input flags (--input, --inputs, --seed, --init,
/// --mask-fill, --arg-shape).
llvm::Expected<InputOptions> getInputOptions();

/// Parses an --arg-shape value, "IDX=2x8x77x64" (a rank-0 shape is
/// "IDX=scalar"), into `shapes`.
llvm::Error parseArgShape(llvm::StringRef spec,
                          std::map<unsigned, std::vector<int64_t>> &shapes);

/// "random normal inputs (seed 0)" or ".npy inputs".
std::string describeInputs(const InputOptions &options);

/// The inputs for arguments of types `args`.
llvm::Expected<std::vector<::attn::runner::HostArray>>
makeInputs(const std::vector<BoundaryType> &args, const InputOptions &options);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_INPUTS_H
