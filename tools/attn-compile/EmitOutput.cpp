//===- EmitOutput.cpp - LLVM IR, object file or shared library ------------===//

#include "AttnCompile.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace mlir;
using namespace mlir::attn;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

std::string aot::CompiledTarget::describe() const {
  return "cpu=" + cpu + (features.empty() ? "" : " features=" + features);
}

/// Adds `const char *<name>_target(void)`, returning `description`, so a
/// program can ask a library which CPU its code needs.
static llvm::Error addTargetQuery(llvm::Module &module, StringRef name,
                                  StringRef description) {
  std::string symbol = (name + "_target").str();
  if (module.getNamedValue(symbol))
    return makeError("the module already defines @" + symbol +
                     ", the name of the target query attn-compile adds; "
                     "rename it");
  llvm::LLVMContext &ctx = module.getContext();
  llvm::Constant *text = llvm::ConstantDataArray::getString(ctx, description);
  auto *global = new llvm::GlobalVariable(
      module, text->getType(), /*isConstant=*/true,
      llvm::GlobalValue::PrivateLinkage, text, symbol + ".text");
  auto *function = llvm::Function::Create(
      llvm::FunctionType::get(llvm::PointerType::getUnqual(ctx), false),
      llvm::GlobalValue::ExternalLinkage, symbol, module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(ctx, "entry", function));
  builder.CreateRet(global);
  return llvm::Error::success();
}

static llvm::Error writeObject(llvm::Module &module, llvm::TargetMachine &tm,
                               StringRef path) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return makeError("cannot write " + path + ": " + ec.message());
  llvm::legacy::PassManager passes;
  if (tm.addPassesToEmitFile(passes, out.os(), nullptr,
                             llvm::CodeGenFileType::ObjectFile))
    return makeError("the target cannot emit object files");
  passes.run(module);
  out.keep();
  return llvm::Error::success();
}

/// Links `object` into the shared library `output` with the C compiler. A
/// library given by path is also found at run time through an rpath.
static llvm::Error linkShared(StringRef object, StringRef output,
                              const std::string &cc,
                              const std::vector<std::string> &libraries) {
  auto program = llvm::sys::findProgramByName(cc);
  if (!program)
    return makeError("cannot find the C compiler '" + cc +
                     "' to link a shared library (set it with --cc)");
  std::vector<std::string> rpaths;
  for (const std::string &library : libraries)
    if (llvm::sys::path::is_absolute(library))
      rpaths.push_back("-Wl,-rpath," +
                       llvm::sys::path::parent_path(library).str());
  SmallVector<StringRef> argv{*program, "-shared", "-o", output, object};
  argv.append(libraries.begin(), libraries.end());
  argv.append(rpaths.begin(), rpaths.end());
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(*program, argv, std::nullopt, {}, 0, 0,
                                     &message);
  if (rc != 0)
    return makeError("linking " + output + " with " + *program + " failed" +
                     (message.empty() ? "" : ": " + message));
  return llvm::Error::success();
}

llvm::Error mlir::attn::aot::emitOutput(
    ModuleOp module, StringRef name, const CompiledTarget &target,
    llvm::TargetMachine &tm, const std::string &output, const std::string &cc,
    const std::vector<std::string> &libraries) {
  StringRef ext = llvm::sys::path::extension(output);
  if (ext != ".o" && ext != ".so" && ext != ".ll")
    return makeError("output " + output +
                     ": the extension must be .o, .so or .ll");

  llvm::LLVMContext context;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, context, "attn");
  if (!llvmModule)
    return makeError("translating to LLVM IR failed");
  llvmModule->setTargetTriple(tm.getTargetTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  if (llvm::Error err = addTargetQuery(*llvmModule, name, target.describe()))
    return err;
  if (llvm::Error err =
          makeOptimizingTransformer(/*optLevel=*/3,
                                    /*sizeLevel=*/0, &tm)(llvmModule.get()))
    return err;

  if (ext == ".ll") {
    std::error_code ec;
    llvm::ToolOutputFile out(output, ec, llvm::sys::fs::OF_Text);
    if (ec)
      return makeError("cannot write " + output + ": " + ec.message());
    llvmModule->print(out.os(), nullptr);
    out.keep();
    return llvm::Error::success();
  }
  if (ext == ".o")
    return writeObject(*llvmModule, tm, output);

  SmallString<128> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("attn-compile", "o", object))
    return makeError("cannot create a temporary file: " + ec.message());
  llvm::FileRemover removeObject(object);
  if (llvm::Error err = writeObject(*llvmModule, tm, object))
    return err;
  return linkShared(object, output, cc, libraries);
}
