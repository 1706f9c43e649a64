//===- Inputs.cpp - attn-run's function inputs ----------------------------===//

#include "Inputs.h"

#include "attn/Runtime/Npy.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::ElementKind;
using ::attn::runner::HostArray;
using ::attn::runner::shapeString;

namespace cl = llvm::cl;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

cl::OptionCategory &mlir::attn::run::inputCategory() {
  static cl::OptionCategory category("Inputs");
  return category;
}

static cl::list<std::string>
    npyInput("input",
             cl::desc("A .npy file for the next argument (repeat it, one per "
                      "argument, in order; bf16 as float32)"),
             cl::value_desc("file"), cl::cat(inputCategory()));
static cl::list<std::string>
    npyInputs("inputs",
              cl::desc("Comma-separated .npy files, one per argument"),
              cl::value_desc("a.npy,b.npy"), cl::CommaSeparated,
              cl::cat(inputCategory()));
static cl::opt<uint64_t> seed("seed", cl::desc("Seed of the random inputs"),
                              cl::init(0), cl::cat(inputCategory()));
static cl::opt<InitKind>
    init("init", cl::desc("Random input values (floating-point arguments):"),
         cl::values(clEnumValN(InitKind::Normal, "normal", "standard normal"),
                    clEnumValN(InitKind::SmallInt, "small-int",
                               "integers in [-2, 2], exact in every dtype")),
         cl::init(InitKind::Normal), cl::cat(inputCategory()));
static cl::opt<MaskFill>
    maskFill("mask-fill", cl::desc("Random boolean (i1) arguments:"),
             cl::values(clEnumValN(MaskFill::Random, "random",
                                   "each element true with probability 0.8"),
                        clEnumValN(MaskFill::AllTrue, "true", "all true")),
             cl::init(MaskFill::Random), cl::cat(inputCategory()));
static cl::list<std::string> argShapes(
    "arg-shape",
    cl::desc("Shape of an argument with dynamic sizes, for random inputs "
             "(repeatable)"),
    cl::value_desc("index=2x8x77x64"), cl::cat(inputCategory()));

llvm::Expected<InputOptions> mlir::attn::run::getInputOptions() {
  InputOptions options;
  options.init = init;
  options.maskFill = maskFill;
  options.seed = seed;
  if (!npyInput.empty() && !npyInputs.empty())
    return makeError("give .npy inputs with --input or with --inputs, not "
                     "both");
  options.npyFiles = npyInput.empty() ? npyInputs : npyInput;
  for (const std::string &spec : argShapes)
    if (llvm::Error err = parseArgShape(spec, options.argShapes))
      return std::move(err);
  return options;
}

llvm::Error
mlir::attn::run::parseArgShape(StringRef spec,
                               std::map<unsigned, std::vector<int64_t>> &out) {
  auto [indexStr, shapeStr] = spec.split('=');
  unsigned index;
  if (indexStr.trim().getAsInteger(10, index) || shapeStr.empty())
    return makeError("--arg-shape '" + spec +
                     "': expected INDEX=SHAPE, e.g. 1=2x8x77x64");
  std::vector<int64_t> shape;
  if (shapeStr != "scalar") {
    SmallVector<StringRef> dims;
    shapeStr.split(dims, 'x');
    for (StringRef dim : dims) {
      int64_t size;
      if (dim.trim().getAsInteger(10, size) || size < 0)
        return makeError("--arg-shape '" + spec + "': bad size '" + dim +
                         "' (sizes are non-negative integers joined by 'x')");
      shape.push_back(size);
    }
  }
  if (!out.emplace(index, shape).second)
    return makeError("--arg-shape given twice for argument " + Twine(index));
  return llvm::Error::success();
}

/// SplitMix64: tiny, fast, and the same sequence on every platform and
/// standard library (std::normal_distribution is not).
namespace {
class Rng {
public:
  explicit Rng(uint64_t seed) : state(seed) {}
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Standard normal (Box–Muller).
  double normal() {
    double u1 = 1.0 - uniform(), u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }

private:
  uint64_t state;
};
} // namespace

static std::string shapeWithDynamic(const std::vector<int64_t> &shape) {
  if (shape.empty())
    return "scalar";
  std::string s;
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? "x" : "") + (ShapedType::isDynamic(shape[i])
                               ? std::string("?")
                               : std::to_string(shape[i]));
  return s;
}

/// Whether `shape` fits `pattern` (equal ranks, equal static sizes).
static bool matchesType(const std::vector<int64_t> &shape,
                        const std::vector<int64_t> &pattern) {
  if (shape.size() != pattern.size())
    return false;
  for (size_t i = 0; i < shape.size(); ++i)
    if (!ShapedType::isDynamic(pattern[i]) && pattern[i] != shape[i])
      return false;
  return true;
}

static bool hasDynamicSize(const std::vector<int64_t> &shape) {
  return llvm::any_of(shape, ShapedType::isDynamic);
}

/// The .npy dtypes accepted for an element kind. NumPy has no bfloat16, so
/// bf16 arrays come as '<f4' (the Npy library's convention) and are rounded.
static std::vector<std::string> acceptedDescrs(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::BF16:
    return {"<f4"};
  case ElementKind::F16:
    return {"<f2"};
  case ElementKind::I1:
    return {"|b1", "|u1"};
  }
  return {};
}

static llvm::Expected<HostArray> loadNpyInput(unsigned index,
                                              const std::string &path,
                                              const BoundaryType &arg,
                                              const InputOptions &options) {
  std::string what = "input " + std::to_string(index) + " (" + path + ")";
  ::attn::runtime::NpyArray npy;
  try {
    npy = ::attn::runtime::readNpy(path);
  } catch (const std::exception &e) {
    return makeError(Twine("cannot read ") + what + ": " + e.what());
  }
  std::vector<std::string> accepted = acceptedDescrs(arg.kind);
  if (!llvm::is_contained(accepted, npy.descr))
    return makeError(what + ": dtype '" + npy.descr + "' does not match " +
                     "argument " + Twine(index) + " of type " + arg.typeName +
                     " (expected '" + llvm::join(accepted, "' or '") + "')");
  if (!matchesType(npy.shape, arg.shape))
    return makeError(what + ": shape " + shapeString(npy.shape) +
                     " does not match argument " + Twine(index) + " of type " +
                     arg.typeName + " (" + shapeWithDynamic(arg.shape) + ")");
  auto given = options.argShapes.find(index);
  if (given != options.argShapes.end() && given->second != npy.shape)
    return makeError(what + ": shape " + shapeString(npy.shape) +
                     " differs from --arg-shape " + Twine(index) + "=" +
                     shapeString(given->second));
  std::vector<double> values = ::attn::runtime::npyToDoubles(npy);
  // A '|u1' array given for a boolean mask must hold booleans: 2 or 255
  // would otherwise silently mean "keep".
  if (arg.kind == ElementKind::I1)
    for (size_t i = 0; i < values.size(); ++i)
      if (values[i] != 0.0 && values[i] != 1.0)
        return makeError(what + ": element " + Twine(i) + " is " +
                         Twine(static_cast<int64_t>(values[i])) +
                         ", but a boolean (i1) argument holds only 0 and 1");
  return HostArray::fromDoubles(arg.kind, npy.shape, values);
}

static llvm::Expected<HostArray> randomInput(unsigned index,
                                             const BoundaryType &arg,
                                             const InputOptions &options) {
  std::vector<int64_t> shape = arg.shape;
  auto given = options.argShapes.find(index);
  if (given != options.argShapes.end()) {
    if (!matchesType(given->second, arg.shape))
      return makeError("--arg-shape " + Twine(index) + "=" +
                       shapeString(given->second) +
                       " does not match argument " + Twine(index) +
                       " of type " + arg.typeName);
    shape = given->second;
  } else if (hasDynamicSize(shape)) {
    return makeError("argument " + Twine(index) + " of type " + arg.typeName +
                     " has dynamic sizes: give its shape with --arg-shape " +
                     Twine(index) + "=" + shapeWithDynamic(arg.shape) +
                     " (each ? a size) or pass .npy inputs");
  }

  // One stream per argument, so an argument's values do not depend on the
  // sizes of the arguments before it.
  Rng rng(options.seed * 0x100000001B3ull + index + 1);
  rng.next();
  // Straight into the array: a vector of doubles first would double the
  // process's peak memory for large inputs (the benchmark reports it).
  double scale = 1.0;
  if (auto given = options.argScales.find(index);
      given != options.argScales.end() && options.init == InitKind::Normal)
    scale = given->second;
  HostArray array(arg.kind, shape);
  for (int64_t i = 0, e = array.size(); i < e; ++i) {
    double v;
    if (arg.kind == ElementKind::I1)
      v = options.maskFill == MaskFill::AllTrue || rng.uniform() < 0.8;
    else if (options.init == InitKind::SmallInt)
      v = std::floor(rng.uniform() * 5.0) - 2.0;
    else
      v = rng.normal() * scale;
    ::attn::runner::storeElement(array.data(), arg.kind, i, v);
  }
  return array;
}

llvm::Expected<std::vector<HostArray>>
mlir::attn::run::makeInputs(const std::vector<BoundaryType> &args,
                            const InputOptions &options) {
  for (const auto &[index, shape] : options.argShapes)
    if (index >= args.size())
      return makeError("--arg-shape " + Twine(index) + "=" +
                       shapeString(shape) + ": the function has only " +
                       Twine(args.size()) + " arguments");
  bool fromFiles = !options.npyFiles.empty();
  if (fromFiles && options.npyFiles.size() != args.size())
    return makeError("the function takes " + Twine(args.size()) +
                     " arguments but " + Twine(options.npyFiles.size()) +
                     " .npy inputs were given");

  std::vector<HostArray> inputs;
  for (unsigned i = 0; i < args.size(); ++i) {
    auto input = fromFiles
                     ? loadNpyInput(i, options.npyFiles[i], args[i], options)
                     : randomInput(i, args[i], options);
    if (!input)
      return input.takeError();
    inputs.push_back(std::move(*input));
  }
  return inputs;
}

std::string mlir::attn::run::describeInputs(const InputOptions &options) {
  if (!options.npyFiles.empty())
    return ".npy inputs";
  std::string text =
      std::string("random ") +
      (options.init == InitKind::SmallInt ? "small-int" : "normal") +
      " inputs (seed " + std::to_string(options.seed) + ")";
  if (!options.argScales.empty() && options.init == InitKind::Normal)
    text += "; attn.mha weight arguments scaled by 1/sqrt(rows)";
  return text;
}
