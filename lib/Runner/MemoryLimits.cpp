//===- MemoryLimits.cpp - Sizes checked before anything is allocated -----===//

#include "attn/Runner/MemoryLimits.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MathExtras.h"
#include "llvm/Support/raw_ostream.h"

#include <unistd.h>

using namespace mlir;
using namespace mlir::attn;

std::optional<uint64_t>
mlir::attn::checkedByteSize(llvm::ArrayRef<int64_t> shape,
                            uint64_t elementBits) {
  int64_t bytes = static_cast<int64_t>(std::max<uint64_t>(1, elementBits / 8));
  for (int64_t size : shape) {
    if (size < 0) // also ShapedType::kDynamic
      return std::nullopt;
    if (llvm::MulOverflow(bytes, size, bytes))
      return std::nullopt;
  }
  return static_cast<uint64_t>(bytes);
}

uint64_t mlir::attn::physicalMemoryBytes() {
  long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || pageSize <= 0)
    return 0;
  return static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize);
}

std::string mlir::attn::formatBytes(uint64_t bytes) {
  static const char *const units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  if (bytes < 1024)
    return std::to_string(bytes) + " bytes";
  double value = static_cast<double>(bytes);
  int unit = -1;
  while (value >= 1024 && unit < 5) {
    value /= 1024;
    ++unit;
  }
  std::string text;
  llvm::raw_string_ostream os(text);
  if (value == static_cast<double>(static_cast<uint64_t>(value)))
    os << static_cast<uint64_t>(value);
  else
    os << llvm::format("%.1f", value);
  os << " " << units[unit];
  return text;
}

LogicalResult mlir::attn::verifyStaticSizesFit(ModuleOp module) {
  auto tooLarge = [](Type type) {
    auto shaped = dyn_cast<ShapedType>(type);
    if (!shaped || !shaped.hasRank() || !isa<TensorType, MemRefType>(shaped))
      return false;
    // Only the static sizes count here: dynamic ones are checked when the
    // code runs.
    SmallVector<int64_t> known;
    for (int64_t size : shaped.getShape())
      if (!ShapedType::isDynamic(size))
        known.push_back(size);
    Type element = shaped.getElementType();
    // Index and other element types: 8 bytes, the most a scalar takes.
    uint64_t bits =
        element.isIntOrFloat() ? element.getIntOrFloatBitWidth() : 64;
    return !checkedByteSize(known, bits);
  };
  WalkResult result = module.walk([&](Operation *op) {
    auto check = [&](Type type, const char *role) {
      if (!tooLarge(type))
        return true;
      mlir::emitError(op->getLoc())
          << "the " << role << " type " << type
          << " has more bytes than 64-bit sizes can address";
      return false;
    };
    for (Type type : op->getResultTypes())
      if (!check(type, "result"))
        return WalkResult::interrupt();
    for (Region &region : op->getRegions())
      for (Block &block : region)
        for (BlockArgument arg : block.getArguments())
          if (!check(arg.getType(), "argument"))
            return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return failure(result.wasInterrupted());
}
