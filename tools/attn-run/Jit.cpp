//===- Jit.cpp - A function JIT-compiled through attn-cpu-pipeline --------===//
//
// The C interface of a function with results (...) -> (R0, R1, ...) is
//
//   void _mlir_ciface_f(Results *out, Desc0 *arg0, Desc1 *arg1, ...)
//
// where each Desc is a ranked memref descriptor and `Results` the struct of
// the result descriptors (for a single result, just its descriptor). Every
// field is 8 bytes, so the struct is the descriptors' words back to back.
// The packed wrapper the ExecutionEngine adds takes the addresses of those
// pointer arguments, which lets one caller serve any signature.
//
//===----------------------------------------------------------------------===//

#include "Jit.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"

#include <cstdlib>
#include <set>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::descriptorWords;
using ::attn::runner::HostArray;
using ::attn::runner::readDescriptor;

llvm::Expected<std::unique_ptr<JitFunction>>
JitFunction::compile(ModuleOp module, func::FuncOp func,
                     const CpuPipelineOptions &options,
                     const SymbolList &symbols) {
  std::unique_ptr<JitFunction> jit(new JitFunction);
  if (llvm::Error err = getSignature(func, jit->args, jit->results))
    return std::move(err);
  std::string name = func.getName().str();
  if (failed(lowerForCpu(module, func, options)))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "lowering @" + name +
                                       " through attn-cpu-pipeline failed");

  auto tm = createCpuTargetMachine(options.targetCpu, options.targetFeatures);
  if (!tm)
    return tm.takeError();
  auto transformer = makeOptimizingTransformer(/*optLevel=*/3,
                                               /*sizeLevel=*/0, tm->get());
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = llvm::CodeGenOptLevel::Aggressive;
  // Parallel loops call the OpenMP runtime (__kmpc_*), copies of strided
  // memrefs memrefCopy: the JIT loads the libraries that provide them.
  auto libraries = getRuntimeLibraries(module);
  if (!libraries)
    return libraries.takeError();
  SmallVector<StringRef> libraryRefs(libraries->begin(), libraries->end());
  engineOptions.sharedLibPaths = libraryRefs;
  auto engine = ExecutionEngine::create(module, engineOptions, std::move(*tm));
  if (!engine)
    return engine.takeError();
  jit->engine = std::move(*engine);
  if (!symbols.empty())
    jit->engine->registerSymbols([&](llvm::orc::MangleAndInterner interner) {
      llvm::orc::SymbolMap map;
      for (const auto &[symbol, address] : symbols)
        map[interner(symbol)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
      return map;
    });
  jit->engine->initialize();
  auto entry = jit->engine->lookupPacked("_mlir_ciface_" + name);
  if (!entry)
    return entry.takeError();
  jit->entry = *entry;
  // Present whenever the pipeline ran attn-runtime-checks-to-status.
  if (auto error = jit->engine->lookup(name + "_error"))
    jit->lastError = reinterpret_cast<const char *(*)()>(*error);
  else
    llvm::consumeError(error.takeError());
  return jit;
}

const char *JitFunction::invoke(const std::vector<HostArray> &inputs,
                                std::vector<int64_t> &resultWords) const {
  size_t numResultWords = 0;
  for (const BoundaryType &result : results)
    numResultWords += descriptorWords(result.shape.size());
  resultWords.assign(numResultWords, 0);

  // The packed wrapper takes, for each C-interface argument, the address of
  // its value: for a memref, the address of a pointer to its descriptor; for
  // a scalar (passed by value), the address of the scalar itself, which is
  // the rank-0 host array's storage.
  std::vector<std::vector<int64_t>> argDescriptors(inputs.size());
  std::vector<void *> pointers;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (args[i].scalar)
      continue;
    argDescriptors[i].resize(descriptorWords(inputs[i].rank()));
    writeDescriptor(inputs[i], argDescriptors[i].data());
  }
  if (!results.empty())
    pointers.push_back(resultWords.data());
  for (auto &descriptor : argDescriptors)
    pointers.push_back(descriptor.data());

  std::vector<void *> packed;
  if (!results.empty())
    packed.push_back(&pointers[0]);
  for (size_t i = 0, p = results.empty() ? 0 : 1; i < inputs.size(); ++i, ++p)
    packed.push_back(args[i].scalar ? inputs[i].data() : &pointers[p]);
  entry(packed.data());
  return lastError ? lastError() : nullptr;
}

void JitFunction::freeResults(const std::vector<HostArray> &inputs,
                              std::vector<int64_t> &resultWords) const {
  // Compiled code returns buffers it malloc'ed (the caller owns results);
  // still never free an input's buffer or one buffer twice.
  std::set<void *> seen;
  for (const HostArray &input : inputs)
    seen.insert(input.data());
  size_t offset = 0;
  for (const BoundaryType &result : results) {
    void *allocated = reinterpret_cast<void *>(resultWords[offset]);
    if (allocated && seen.insert(allocated).second)
      std::free(allocated);
    offset += descriptorWords(result.shape.size());
  }
}

llvm::Expected<std::vector<HostArray>>
JitFunction::call(const std::vector<HostArray> &inputs) const {
  std::vector<int64_t> words;
  // After a failed check the results are undefined: nothing to free.
  if (const char *error = invoke(inputs, words))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "a runtime check failed: " +
                                       std::string(error));
  std::vector<HostArray> outputs;
  size_t offset = 0;
  for (const BoundaryType &result : results) {
    int64_t rank = result.shape.size();
    outputs.push_back(::attn::runner::viewToArray(
        readDescriptor(words.data() + offset, rank), result.kind));
    offset += descriptorWords(rank);
  }
  freeResults(inputs, words);
  return outputs;
}

void JitFunction::callAndDiscard(const std::vector<HostArray> &inputs) const {
  std::vector<int64_t> words;
  if (!invoke(inputs, words))
    freeResults(inputs, words);
}
