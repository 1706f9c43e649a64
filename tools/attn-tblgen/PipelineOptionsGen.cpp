//===- PipelineOptionsGen.cpp - pass pipeline options from Passes.td ------===//
//
// -gen-pipeline-options: the options struct of a registered pass pipeline
// (a PassPipelineOptions), from a `PipelineOptions` record
// (include/attn/Pipelines/PipelineBase.td). A pipeline option that sets a
// component pass's option is declared by naming that option (PassOptionOf);
// its C++ type, default and help text are read from the pass's declaration,
// so they are written once, in the pass's Passes.td. For each such pass the
// struct also gets a method returning the pass's options struct
// (`<Pass>Options`, from -gen-pass-decls) as the pipeline sets them; the
// options the pipeline does not expose keep the pass's defaults.
//
//===----------------------------------------------------------------------===//

#include "mlir/TableGen/GenInfo.h"
#include "mlir/TableGen/Pass.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TableGen/Error.h"
#include "llvm/TableGen/Record.h"
#include "llvm/TableGen/TableGenBackend.h"

using namespace mlir;
using namespace mlir::tblgen;
using llvm::Record;
using llvm::RecordKeeper;

namespace {
/// One option of the pipeline's struct.
struct EmittedOption {
  std::string cppName, argument;
  PassOption source; // type, default, help, extra cl flags
};
} // namespace

/// `text` as a C++ string literal.
static std::string quoted(StringRef text) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '"';
  os.write_escaped(text);
  os << '"';
  return s;
}

static void emitOption(const EmittedOption &opt, raw_ostream &os) {
  os << llvm::formatv("  ::mlir::detail::PassOptions::Option<{0}> {1}{{\n"
                      "      *this, {2},\n      ::llvm::cl::desc({3})",
                      opt.source.getType(), opt.cppName, quoted(opt.argument),
                      quoted(opt.source.getDescription().trim()));
  if (std::optional<StringRef> init = opt.source.getDefaultValue())
    os << ",\n      ::llvm::cl::init(" << *init << ")";
  if (std::optional<StringRef> flags = opt.source.getAdditionalFlags())
    os << ",\n      " << *flags;
  os << "};\n";
}

/// The lowerCamelCase method name for pass `defName`'s options.
static std::string optionsMethod(StringRef defName) {
  std::string name = defName.str();
  name[0] = llvm::toLower(name[0]);
  return name + "Options";
}

static bool emitPipelineOptions(const Record *def, raw_ostream &os) {
  StringRef className = def->getValueAsString("cppClassName");
  std::vector<EmittedOption> options;
  for (const Record *own : def->getValueAsListOfDefs("options"))
    options.push_back({own->getValueAsString("cppName").str(),
                       own->getValueAsString("argument").str(),
                       PassOption(own)});

  // Pass record → (pass option's C++ name, pipeline option's C++ name).
  llvm::MapVector<const Record *,
                  std::vector<std::pair<std::string, std::string>>>
      byPass;
  for (const Record *ref : def->getValueAsListOfDefs("passOptions")) {
    const Record *passDef = ref->getValueAsDef("pass");
    Pass pass(passDef);
    StringRef wanted = ref->getValueAsString("passOption");
    const PassOption *found = nullptr;
    for (const PassOption &opt : pass.getOptions())
      if (opt.getArgument() == wanted)
        found = &opt;
    if (!found)
      llvm::PrintFatalError(ref->getLoc(), "pass '" + pass.getArgument() +
                                               "' has no option '" + wanted +
                                               "'");
    if (found->isListOption())
      llvm::PrintFatalError(ref->getLoc(),
                            "list options are not supported in pipelines");
    StringRef argument = ref->getValueAsString("argument");
    StringRef cppName = ref->getValueAsString("cppName");
    EmittedOption opt{
        (cppName.empty() ? found->getCppVariableName() : cppName).str(),
        (argument.empty() ? wanted : argument).str(), *found};
    byPass[passDef].push_back({found->getCppVariableName().str(), opt.cppName});
    options.push_back(std::move(opt));
  }

  os << "/// " << def->getValueAsString("summary") << "\n";
  os << llvm::formatv(
      "struct {0}\n    : public ::mlir::PassPipelineOptions<{0}> "
      "{{\n",
      className);
  for (const EmittedOption &opt : options)
    emitOption(opt, os);
  for (auto &[passDef, fields] : byPass) {
    Pass pass(passDef);
    StringRef name = passDef->getName();
    os << llvm::formatv("\n  /// The options of {0} as this pipeline sets "
                        "them.\n  {1}Options {2}() const {{\n"
                        "    {1}Options options;\n",
                        pass.getArgument(), name, optionsMethod(name));
    for (auto &[passField, ownField] : fields)
      os << llvm::formatv("    options.{0} = {1};\n", passField, ownField);
    os << "    return options;\n  }\n";
  }
  os << "};\n\n";
  return false;
}

static bool emitAllPipelineOptions(const RecordKeeper &records,
                                   raw_ostream &os) {
  llvm::emitSourceFileHeader("Pass pipeline options", os, records);
  for (const Record *def : records.getAllDerivedDefinitions("PipelineOptions"))
    if (emitPipelineOptions(def, os))
      return true;
  return false;
}

static GenRegistration
    genPipelineOptions("gen-pipeline-options",
                       "Generate pass pipeline option structs",
                       emitAllPipelineOptions);
