//===- Preflight.cpp - attn-run's checks before compiling -----------------===//

#include "Preflight.h"

#include "attn/Runner/MemoryLimits.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error
mlir::attn::run::checkMemoryNeeds(const std::vector<BoundaryType> &args,
                                  const std::vector<BoundaryType> &results,
                                  const InputOptions &options,
                                  uint64_t memoryBytes) {
  uint64_t total = 0;
  std::string largest;
  uint64_t largestBytes = 0;
  auto add = [&](const std::vector<int64_t> &shape,
                 ::attn::runner::ElementKind kind,
                 const std::string &what) -> llvm::Error {
    std::optional<uint64_t> bytes =
        checkedByteSize(shape, 8 * ::attn::runner::elementSize(kind));
    if (!bytes)
      return makeError(what + " (" + ::attn::runner::shapeString(shape) +
                       "): its size in bytes does not fit in 64 bits");
    if (*bytes > largestBytes) {
      largestBytes = *bytes;
      largest = what + " " + ::attn::runner::shapeString(shape) + ": " +
                formatBytes(*bytes);
    }
    // Cannot overflow: each term is below 2^63.
    total = std::min<uint64_t>(total + *bytes, UINT64_MAX / 2);
    return llvm::Error::success();
  };
  auto isStatic = [](const std::vector<int64_t> &shape) {
    return llvm::none_of(shape, ShapedType::isDynamic);
  };
  // Random inputs and inline values (a splat can be as large as any shape
  // written) are made here; files are checked as they are read.
  for (unsigned i = 0; i < args.size(); ++i)
    if (i < options.given.size() &&
        options.given[i].kind == InputSpec::Inline) {
      if (llvm::Error err = add(options.given[i].shape, args[i].kind,
                                "input " + std::to_string(i)))
        return err;
    } else if (options.isRandom(i)) {
      auto given = options.argShapes.find(i);
      const std::vector<int64_t> &shape =
          given != options.argShapes.end() ? given->second : args[i].shape;
      if (isStatic(shape))
        if (llvm::Error err =
                add(shape, args[i].kind, "argument " + std::to_string(i)))
          return err;
    }
  for (unsigned i = 0; i < results.size(); ++i)
    if (isStatic(results[i].shape))
      if (llvm::Error err = add(results[i].shape, results[i].kind,
                                "result " + std::to_string(i)))
        return err;
  if (memoryBytes && total > memoryBytes)
    return makeError("the arguments and results need " + formatBytes(total) +
                     " (the largest, " + largest +
                     "), more than this "
                     "machine's " +
                     formatBytes(memoryBytes) + " of memory; check the shapes");
  return llvm::Error::success();
}
