//===- Inputs.cpp - attn-run's function inputs ----------------------------===//

#include "Inputs.h"

#include "attn/Runtime/Npy.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/CommandLine.h"

#include <cmath>
#include <cstdint>

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

static cl::list<std::string> npyInput(
    "input",
    cl::desc("The next argument's value (repeat it, once per argument, in "
             "order): a .npy file (bf16 as float32), or TYPE=VALUES as in "
             "iree-run-module, e.g. 2x3xf32=1,2,3,4,5,6 or 2x3xf32=[1 2 3][4 "
             "5 6], a splat 4x8xi1=1, a scalar i64=7, TYPE=@file.npy; or "
             "'random' for a seeded random value. Integer (i32, i64, index) "
             "arguments (lengths, positions, indices) are never made up at "
             "random: give each of them its value with --input"),
    cl::value_desc("file|TYPE=VALUES|random"), cl::cat(inputCategory()));
static cl::list<std::string>
    npyInputs("inputs",
              cl::desc("Comma-separated .npy files, one per argument (inline "
                       "values: --input)"),
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
  for (const std::string &text : npyInput.empty() ? npyInputs : npyInput) {
    auto spec = parseInputSpec(text);
    if (!spec)
      return spec.takeError();
    options.given.push_back(std::move(*spec));
  }
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

/// The element type names an --input TYPE may end with ("index" is i64).
static std::optional<ElementKind> parseElementName(StringRef name) {
  return llvm::StringSwitch<std::optional<ElementKind>>(name)
      .Case("f32", ElementKind::F32)
      .Case("f16", ElementKind::F16)
      .Case("bf16", ElementKind::BF16)
      .Case("i1", ElementKind::I1)
      .Case("i32", ElementKind::I32)
      .Cases("i64", "index", ElementKind::I64)
      .Default(std::nullopt);
}

llvm::Expected<InputSpec> mlir::attn::run::parseInputSpec(StringRef text) {
  InputSpec spec;
  spec.text = text.str();
  auto error = [&](const Twine &why) {
    return makeError("--input '" + text + "': " + why);
  };
  if (text == "random")
    return spec;
  size_t eq = text.find('=');
  // A path: FILE or @FILE ('@' also lets a path contain '=').
  if (text.starts_with("@") || eq == StringRef::npos) {
    spec.kind = InputSpec::File;
    spec.path = text.starts_with("@") ? text.drop_front().str() : text.str();
    if (spec.path.empty())
      return error("expected a file name after '@'");
    return spec;
  }
  // TYPE=...: TYPE is [DxDx...x]ELEMENT, the element type's name last.
  StringRef type = text.take_front(eq).trim(), rest = text.drop_front(eq + 1);
  spec.hasType = true;
  auto [dims, element] = type.rsplit('x');
  if (element.empty() || dims == type) { // no 'x': a rank-0 type
    element = type;
    dims = "";
  }
  // "index" itself contains an 'x'.
  if (type.ends_with("index")) {
    element = "index";
    dims = type.drop_back(5);
    if (!dims.empty() && !dims.consume_back("x"))
      dims = type; // e.g. "2index": reported below
  }
  std::optional<ElementKind> kind = parseElementName(element);
  if (!kind)
    return error("unknown element type '" + element +
                 "' (expected TYPE=VALUES with TYPE like 2x3xf32; element "
                 "types: f32, f16, bf16, i1, i32, i64, index)");
  spec.elementKind = *kind;
  if (!dims.empty()) {
    SmallVector<StringRef> parts;
    dims.split(parts, 'x');
    for (StringRef dim : parts) {
      int64_t size;
      if (dim.getAsInteger(10, size) || size < 0)
        return error("bad size '" + dim + "' in '" + type +
                     "' (sizes are non-negative integers joined by 'x', "
                     "e.g. 2x3xf32)");
      spec.shape.push_back(size);
    }
  }
  if (rest.starts_with("@")) {
    spec.kind = InputSpec::File;
    spec.path = rest.drop_front().str();
    if (spec.path.empty())
      return error("expected a file name after '@'");
    return spec;
  }
  spec.kind = InputSpec::Inline;
  // Values separated by commas or spaces; brackets (NumPy's nesting) are
  // only read as separators.
  std::string flat = rest.str();
  for (char &c : flat)
    if (c == '[' || c == ']' || c == ',' || c == '\t' || c == '\n')
      c = ' ';
  SmallVector<StringRef> values;
  StringRef(flat).split(values, ' ', -1, /*KeepEmpty=*/false);
  if (values.empty())
    return error("no values after '='");
  for (StringRef v : values)
    spec.values.push_back(v.str());
  return spec;
}

/// One inline value of an element of `kind`.
static std::optional<double> parseValue(StringRef text, ElementKind kind) {
  if (kind == ElementKind::I1) {
    if (text == "1" || text == "true")
      return 1.0;
    if (text == "0" || text == "false")
      return 0.0;
    return std::nullopt;
  }
  if (::attn::runner::isIntegerKind(kind)) {
    int64_t i;
    if (text.getAsInteger(10, i))
      return std::nullopt;
    if (kind == ElementKind::I32 && (i < INT32_MIN || i > INT32_MAX))
      return std::nullopt;
    // Beyond 2^53 a double (HostArray's currency) is not exact.
    if (i > (int64_t(1) << 53) || i < -(int64_t(1) << 53))
      return std::nullopt;
    return static_cast<double>(i);
  }
  std::string l = text.lower();
  if (l == "inf" || l == "+inf")
    return INFINITY;
  if (l == "-inf")
    return -INFINITY;
  if (l == "nan")
    return NAN;
  double d;
  if (text.getAsDouble(d))
    return std::nullopt;
  return d;
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
  case ElementKind::I32:
    return {"<i4"};
  case ElementKind::I64:
    return {"<i8"};
  }
  return {};
}

/// "input 3 (2xi32=1,2)": an --input value in messages.
static std::string describeSpec(unsigned index, const InputSpec &spec) {
  return "input " + std::to_string(index) + " (" +
         (spec.kind == InputSpec::File && !spec.hasType ? spec.path
                                                        : spec.text) +
         ")";
}

/// The TYPE of a TYPE=... spec agrees with the argument's type.
static llvm::Error checkSpecType(unsigned index, const InputSpec &spec,
                                 const BoundaryType &arg) {
  if (!spec.hasType)
    return llvm::Error::success();
  StringRef type = StringRef(spec.text).split('=').first.trim();
  if (spec.elementKind != arg.kind)
    return makeError(describeSpec(index, spec) + ": element type of '" + type +
                     "' does not match argument " + Twine(index) + " of type " +
                     arg.typeName);
  if (!matchesType(spec.shape, arg.shape))
    return makeError(describeSpec(index, spec) + ": shape " +
                     shapeString(spec.shape) + " does not match argument " +
                     Twine(index) + " of type " + arg.typeName + " (" +
                     shapeWithDynamic(arg.shape) + ")");
  return llvm::Error::success();
}

/// What an element of `kind` may be written as, for messages.
static const char *valueSyntax(ElementKind kind) {
  switch (kind) {
  case ElementKind::I1:
    return "0, 1, true or false";
  case ElementKind::I32:
    return "a decimal integer that fits in 32 bits";
  case ElementKind::I64:
    return "a decimal integer of magnitude at most 2^53";
  default:
    return "a number, inf, -inf or nan";
  }
}

static llvm::Expected<HostArray> inlineInput(unsigned index,
                                             const InputSpec &spec,
                                             const BoundaryType &arg,
                                             const InputOptions &options) {
  if (llvm::Error err = checkSpecType(index, spec, arg))
    return std::move(err);
  std::string what = describeSpec(index, spec);
  auto given = options.argShapes.find(index);
  if (given != options.argShapes.end() && given->second != spec.shape)
    return makeError(what + ": shape " + shapeString(spec.shape) +
                     " differs from --arg-shape " + Twine(index) + "=" +
                     shapeString(given->second));
  int64_t count = ::attn::runner::numElements(spec.shape);
  int64_t numValues = static_cast<int64_t>(spec.values.size());
  if (numValues != 1 && numValues != count)
    return makeError(what + ": " + Twine(numValues) + " values for " +
                     StringRef(spec.text).split('=').first.trim() + " (" +
                     Twine(count) + " elements): give " + Twine(count) +
                     ", or one to fill them all");
  HostArray array(arg.kind, spec.shape);
  for (int64_t i = 0; i < numValues; ++i) {
    std::optional<double> v = parseValue(spec.values[i], arg.kind);
    if (!v)
      return makeError(what + ": '" + spec.values[i] + "' is not a valid " +
                       ::attn::runner::elementName(arg.kind) + " value (" +
                       valueSyntax(arg.kind) + ")");
    if (numValues == 1)
      for (int64_t j = 0; j < count; ++j)
        ::attn::runner::storeElement(array.data(), arg.kind, j, *v);
    else
      ::attn::runner::storeElement(array.data(), arg.kind, i, *v);
  }
  return array;
}

static llvm::Expected<HostArray> loadNpyInput(unsigned index,
                                              const InputSpec &spec,
                                              const BoundaryType &arg,
                                              const InputOptions &options) {
  if (llvm::Error err = checkSpecType(index, spec, arg))
    return std::move(err);
  const std::string &path = spec.path;
  std::string what = describeSpec(index, spec);
  ::attn::runtime::NpyArray npy;
  try {
    npy = ::attn::runtime::readNpy(path);
  } catch (const std::exception &e) {
    // "--input 7" meant as a value, not a file.
    double number;
    std::string hint =
        StringRef(path).getAsDouble(number)
            ? ""
            : " (a value is written TYPE=VALUE, e.g. --input=i64=" + path + ")";
    return makeError(Twine("cannot read ") + what + ": " + e.what() + hint);
  }
  std::vector<std::string> accepted = acceptedDescrs(arg.kind);
  if (!llvm::is_contained(accepted, npy.descr))
    return makeError(what + ": dtype '" + npy.descr + "' does not match " +
                     "argument " + Twine(index) + " of type " + arg.typeName +
                     " (expected '" + llvm::join(accepted, "' or '") + "')");
  if (spec.hasType && npy.shape != spec.shape)
    return makeError(what + ": the file's shape " + shapeString(npy.shape) +
                     " differs from the type's " + shapeString(spec.shape));
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

  // Lengths, positions and indices made up at random would only make the
  // compiled code read out of bounds.
  if (arg.kind == ElementKind::I32 || arg.kind == ElementKind::I64) {
    std::string example =
        arg.scalar ? std::string(::attn::runner::elementName(arg.kind))
                   : shapeWithDynamic(shape) + "x" +
                         ::attn::runner::elementName(arg.kind);
    if (shape.empty() && !arg.scalar)
      example = ::attn::runner::elementName(arg.kind);
    return makeError("argument " + Twine(index) + " of type " + arg.typeName +
                     " holds integers (lengths, positions, indices), which "
                     "attn-run does not make up: give its value with "
                     "--input, e.g. --input=" +
                     example +
                     "=0 (one --input per argument, in order; 'random' for "
                     "the others)");
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
  const std::vector<InputSpec> &given = options.given;
  bool allFiles = llvm::all_of(given, [](const InputSpec &spec) {
    return spec.kind == InputSpec::File;
  });
  if (!given.empty() && given.size() != args.size())
    return makeError("the function takes " + Twine(args.size()) +
                     " arguments but " + Twine(given.size()) +
                     (allFiles ? " .npy inputs" : " --input values") +
                     " were given");

  std::vector<HostArray> inputs;
  for (unsigned i = 0; i < args.size(); ++i) {
    InputSpec random;
    const InputSpec &spec = given.empty() ? random : given[i];
    llvm::Expected<HostArray> input =
        spec.kind == InputSpec::File ? loadNpyInput(i, spec, args[i], options)
        : spec.kind == InputSpec::Inline
            ? inlineInput(i, spec, args[i], options)
            : randomInput(i, args[i], options);
    if (!input)
      return input.takeError();
    inputs.push_back(std::move(*input));
  }
  return inputs;
}

std::string mlir::attn::run::describeInputs(const InputOptions &options) {
  std::string random =
      std::string("random ") +
      (options.init == InitKind::SmallInt ? "small-int" : "normal");
  std::string seed = " (seed " + std::to_string(options.seed) + ")";
  std::string scaled =
      !options.argScales.empty() && options.init == InitKind::Normal
          ? "; attn.mha weight arguments scaled by 1/sqrt(rows)"
          : "";
  const std::vector<InputSpec> &given = options.given;
  if (given.empty())
    return random + " inputs" + seed + scaled;
  if (llvm::all_of(given, [](const InputSpec &spec) {
        return spec.kind == InputSpec::File;
      }))
    return ".npy inputs";
  // Per argument, runs of the same kind: "inputs: 0-2 random normal
  // (seed 0), 3 inline".
  auto kindName = [&](const InputSpec &spec) {
    return spec.kind == InputSpec::File     ? std::string(".npy")
           : spec.kind == InputSpec::Inline ? std::string("inline")
                                            : random + seed;
  };
  std::string text = "inputs: ";
  for (size_t i = 0; i < given.size();) {
    size_t j = i;
    while (j + 1 < given.size() && given[j + 1].kind == given[i].kind)
      ++j;
    text += (i ? ", " : "") + std::to_string(i) +
            (j > i ? "-" + std::to_string(j) : "") + " " + kindName(given[i]);
    i = j + 1;
  }
  return text + scaled;
}
