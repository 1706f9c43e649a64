//===- Compile.cpp - Compile one function of a module for the CPU ---------===//

#include "attn/Runner/Compile.h"

#include "attn/Init/InitAttn.h"
#include "attn/Runner/MemoryLimits.h"
#include "attn/Target/CpuTarget.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"

using namespace mlir;
using namespace mlir::attn;
using ::attn::runner::ElementKind;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

void mlir::attn::registerForCompilation(DialectRegistry &registry) {
  registerAllPasses();
  registerAttnPasses();
  registerAttnDialects(registry);
}

OwningOpRef<ModuleOp> mlir::attn::parseModuleFile(StringRef path,
                                                  MLIRContext &context,
                                                  llvm::SourceMgr &sourceMgr,
                                                  std::string &error) {
  auto file = openInputFile(path, &error);
  if (!file)
    return nullptr;
  // An empty file parses as an empty module; say what is wrong with it
  // rather than that it has no function.
  if (file->getBuffer().trim().empty()) {
    error = (path + " is empty: expected a module with a func.func").str();
    return nullptr;
  }
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    error = ("cannot parse " + path).str();
  return module;
}

llvm::Expected<func::FuncOp> mlir::attn::findEntryFunction(ModuleOp module,
                                                           StringRef name) {
  SmallVector<func::FuncOp> candidates;
  std::string names;
  for (auto func : module.getOps<func::FuncOp>()) {
    if (func.isExternal())
      continue;
    names += (names.empty() ? "@" : ", @") + func.getName().str();
    if (name.empty() ? func.isPublic() : func.getName() == name)
      candidates.push_back(func);
  }
  if (names.empty())
    names = "none";
  if (!name.empty() && candidates.empty())
    return makeError("no function @" + name +
                     " with a body in the module (functions: " + names + ")");
  if (candidates.empty())
    return makeError("no public function with a body in the module");
  if (candidates.size() > 1)
    return makeError("the module has several public functions (" + names +
                     "); choose one with --function");
  return candidates.front();
}

static std::optional<ElementKind> getElementKind(Type type) {
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  if (type.isSignlessInteger(1))
    return ElementKind::I1;
  if (type.isSignlessInteger(32))
    return ElementKind::I32;
  // index is 64 bits wide on the CPUs attn compiles for (the LLVM lowering's
  // default index bitwidth there).
  if (type.isSignlessInteger(64) || type.isIndex())
    return ElementKind::I64;
  return std::nullopt;
}

llvm::Expected<BoundaryType>
mlir::attn::getBoundaryType(Type type, const llvm::Twine &what,
                            bool allowScalar) {
  std::string typeStr;
  llvm::raw_string_ostream os(typeStr);
  os << type;
  // Scalars (a cache length, a position) are passed by value.
  if (type.isIntOrIndexOrFloat()) {
    std::optional<ElementKind> kind = getElementKind(type);
    if (!allowScalar)
      return makeError(what + " has type " + typeStr +
                       ": only ranked tensors (or identity-layout memrefs) "
                       "can be passed here; use tensor<" +
                       typeStr + ">");
    if (!kind || *kind == ElementKind::F16 || *kind == ElementKind::BF16)
      return makeError(what + " has type " + typeStr +
                       ": unsupported scalar type (supported: f32, i1, i32, "
                       "i64, index; or pass a tensor)");
    return BoundaryType{*kind, {}, typeStr, /*scalar=*/true};
  }
  auto shaped = dyn_cast<ShapedType>(type);
  bool passable = isa<RankedTensorType>(type);
  if (auto memref = dyn_cast<MemRefType>(type))
    passable = memref.getLayout().isIdentity() && !memref.getMemorySpace();
  if (!shaped || !passable)
    return makeError(what + " has type " + typeStr +
                     ": only ranked tensors (or identity-layout memrefs) " +
                     (allowScalar ? "and scalars " : "") + "can be passed");
  std::optional<ElementKind> kind = getElementKind(shaped.getElementType());
  if (!kind)
    return makeError(what + " has type " + typeStr +
                     ": unsupported element type (supported: f32, f16, "
                     "bf16, i1, i32, i64, index)");
  return BoundaryType{
      *kind,
      std::vector<int64_t>(shaped.getShape().begin(), shaped.getShape().end()),
      typeStr};
}

llvm::Error mlir::attn::getSignature(func::FuncOp func,
                                     std::vector<BoundaryType> &args,
                                     std::vector<BoundaryType> &results) {
  FunctionType type = func.getFunctionType();
  for (auto [i, argType] : llvm::enumerate(type.getInputs())) {
    auto boundary =
        getBoundaryType(argType, "argument " + Twine(i), /*allowScalar=*/true);
    if (!boundary)
      return boundary.takeError();
    args.push_back(*boundary);
  }
  for (auto [i, resultType] : llvm::enumerate(type.getResults())) {
    auto boundary = getBoundaryType(resultType, "result " + Twine(i));
    if (!boundary)
      return boundary.takeError();
    results.push_back(*boundary);
  }
  return llvm::Error::success();
}

/// Erases the functions `func` does not use, directly or through others:
/// a test file's other cases need not be compiled (nor lower at all).
static void eraseOtherFunctions(ModuleOp module, func::FuncOp func) {
  bool erased = true;
  while (erased) {
    erased = false;
    for (auto other : llvm::make_early_inc_range(module.getOps<func::FuncOp>()))
      if (other != func && SymbolTable::symbolKnownUseEmpty(other, module)) {
        other.erase();
        erased = true;
      }
  }
}

LogicalResult mlir::attn::lowerForCpu(ModuleOp module, func::FuncOp func,
                                      const CpuPipelineOptions &options) {
  MLIRContext *ctx = module.getContext();
  eraseOtherFunctions(module, func);
  if (failed(verifyStaticSizesFit(module)))
    return failure();
  func.setPublic();
  func->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));
  for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
    if (isa<TensorType>(func.getArgument(i).getType()))
      func.setArgAttr(i, "bufferization.writable", BoolAttr::get(ctx, false));

  PassManager pm(ctx, module.getOperationName());
  // MLIR's debugging flags (--mlir-print-ir-after-all, --mlir-timing...),
  // when the tool registered them (registerMlirDebugFlags).
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  applyDefaultTimingPassManagerCLOptions(pm);
  buildCpuPipeline(pm, options);
  return pm.run(module);
}

llvm::Expected<std::vector<std::string>>
mlir::attn::getRuntimeLibraries(ModuleOp module) {
  std::vector<std::string> libraries;
  bool openMP = module
                    .walk([](Operation *op) {
                      Dialect *dialect = op->getDialect();
                      return dialect && dialect->getNamespace() == "omp"
                                 ? WalkResult::interrupt()
                                 : WalkResult::advance();
                    })
                    .wasInterrupted();
  if (openMP) {
    if (StringRef(ATTN_OPENMP_RUNTIME).empty())
      return makeError("the code runs loops in parallel with OpenMP, but no "
                       "OpenMP runtime (libomp) was found when attn was "
                       "configured; install libomp-22-dev or compile with "
                       "--pipeline-options=parallel=false");
    libraries.push_back(ATTN_OPENMP_RUNTIME);
  }
  if (module.lookupSymbol("memrefCopy")) {
    if (StringRef(ATTN_C_RUNNER_UTILS).empty())
      return makeError("the code calls memrefCopy, but MLIR's "
                       "libmlir_c_runner_utils was not found when attn was "
                       "configured");
    libraries.push_back(ATTN_C_RUNNER_UTILS);
  }
  // Code partitioned over processes declares the MPI functions it calls.
  bool mpi = llvm::any_of(
      module.getOps<LLVM::LLVMFuncOp>(), [](LLVM::LLVMFuncOp func) {
        return func.isExternal() && func.getName().starts_with("MPI_");
      });
  if (mpi) {
    if (StringRef(ATTN_MPI_LIBRARY).empty())
      return makeError("the code calls MPI (it was partitioned over "
                       "processes), but no libmpich was found when attn was "
                       "configured; install libmpich-dev (scripts/setup.sh)");
    libraries.push_back(ATTN_MPI_LIBRARY);
  }
  return libraries;
}

llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
mlir::attn::createCpuTargetMachine(StringRef cpu, StringRef features) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();

  bool host = cpu.empty() || cpu == "host";
  llvm::Triple triple(llvm::sys::getProcessTriple());
  // Check names before making the TargetMachine, which would only print a
  // warning and carry on with a generic CPU.
  if (llvm::Error err = checkCpuTarget(cpu, features))
    return std::move(err);
  SmallVector<StringRef> featureList;
  features.split(featureList, ',', -1, /*KeepEmpty=*/false);

  llvm::orc::JITTargetMachineBuilder builder(triple);
  if (host) {
    auto detected = llvm::orc::JITTargetMachineBuilder::detectHost();
    if (!detected)
      return detected.takeError();
    builder = std::move(*detected);
  } else {
    builder.setCPU(cpu.str());
  }
  std::vector<std::string> extra;
  for (StringRef feature : featureList)
    extra.push_back(feature.trim().str());
  builder.addFeatures(extra);
  builder.setCodeGenOptLevel(llvm::CodeGenOptLevel::Aggressive);
  builder.setRelocationModel(llvm::Reloc::PIC_);
  return builder.createTargetMachine();
}
