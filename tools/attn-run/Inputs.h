//===- Inputs.h - attn-run's function inputs --------------------*- C++ -*-===//
//
// One host array per function argument: seeded random values, the contents
// of .npy files, or values written on the command line, checked against the
// argument types.
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

/// One --input value: what to pass for one argument.
struct InputSpec {
  enum Kind {
    /// "random": seeded random values, as without --input.
    Random,
    /// "FILE.npy", "@FILE.npy" or "TYPE=@FILE.npy".
    File,
    /// "TYPE=VALUES" (iree-run-module's spelling): "2x3xf32=1,2,3,4,5,6",
    /// "2x3xf32=[1 2 3][4 5 6]", a splat "2x3xf32=0", a scalar "i64=7".
    Inline,
  };
  Kind kind = Random;
  /// The --input value as given, for messages.
  std::string text;
  /// File: the path.
  std::string path;
  /// File with a TYPE, Inline: the declared type.
  bool hasType = false;
  ::attn::runner::ElementKind elementKind = ::attn::runner::ElementKind::F32;
  std::vector<int64_t> shape;
  /// Inline: the values as written, one per element or one for all.
  std::vector<std::string> values;
};

/// Parses an --input value (see InputSpec); the error says what is wrong.
llvm::Expected<InputSpec> parseInputSpec(llvm::StringRef text);

struct InputOptions {
  InitKind init = InitKind::Normal;
  MaskFill maskFill = MaskFill::Random;
  uint64_t seed = 0;
  /// One spec per argument (--input, --inputs), or none: all random.
  std::vector<InputSpec> given;
  /// Shapes for arguments with dynamic sizes, by argument index.
  std::map<unsigned, std::vector<int64_t>> argShapes;
  /// Factors applied to random normal values, by argument index: attn.mha
  /// weights given as arguments get 1/sqrt(rows) (Xavier-like), so scores
  /// stay in the range real layers have; unit-variance weights make them so
  /// large that f32 rounding alone exceeds the f32 tolerance.
  std::map<unsigned, double> argScales;

  /// Whether argument `index` gets random values.
  bool isRandom(unsigned index) const {
    return given.empty() ||
           (index < given.size() && given[index].kind == InputSpec::Random);
  }
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

/// "random normal inputs (seed 0)", ".npy inputs", or per argument
/// ("inputs: 0-2 random normal (seed 0), 3 inline, 4 .npy").
std::string describeInputs(const InputOptions &options);

/// The inputs for arguments of types `args`.
llvm::Expected<std::vector<::attn::runner::HostArray>>
makeInputs(const std::vector<BoundaryType> &args, const InputOptions &options);

} // namespace mlir::attn::run

#endif // ATTN_TOOLS_ATTN_RUN_INPUTS_H
