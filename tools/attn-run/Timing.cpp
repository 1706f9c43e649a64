//===- Timing.cpp - attn-run --repeat: time and GFLOP/s -------------------===//

#include "Timing.h"

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <chrono>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::HostArray;

namespace {
/// Sizes of values in `func`, static or read from the inputs' shapes.
class SizeResolver {
public:
  SizeResolver(func::FuncOp func, const std::vector<HostArray> &inputs)
      : entry(&func.getBody().front()), inputs(inputs) {}

  /// Size `dim` of `value` (negative counts from the back), if known.
  std::optional<double> size(Value value, int64_t dim) const {
    auto type = cast<ShapedType>(value.getType());
    if (dim < 0)
      dim += type.getRank();
    if (!type.isDynamicDim(dim))
      return static_cast<double>(type.getDimSize(dim));
    auto arg = dyn_cast<BlockArgument>(value);
    if (arg && arg.getOwner() == entry)
      return static_cast<double>(inputs[arg.getArgNumber()].shape()[dim]);
    return std::nullopt;
  }

private:
  Block *entry;
  const std::vector<HostArray> &inputs;
};
} // namespace

/// The size of `op`'s loop `loop`: that of an operand dimension the loop
/// alone indexes, static or read from the arguments' shapes.
static std::optional<double> loopExtent(linalg::LinalgOp op, unsigned loop,
                                        const SizeResolver &sizes) {
  for (OpOperand &operand : op->getOpOperands())
    for (auto [pos, expr] :
         llvm::enumerate(op.getMatchingIndexingMap(&operand).getResults()))
      if (auto dim = dyn_cast<AffineDimExpr>(expr);
          dim && dim.getPosition() == loop)
        if (auto extent = sizes.size(operand.get(), pos))
          return extent;
  return std::nullopt;
}

/// The number of points of `op`'s iteration space, if every loop's size is
/// known.
static std::optional<double> iterationPoints(linalg::LinalgOp op,
                                             const SizeResolver &sizes) {
  double points = 1.0;
  for (unsigned loop = 0, e = op.getNumLoops(); loop < e; ++loop) {
    std::optional<double> extent = loopExtent(op, loop, sizes);
    if (!extent)
      return std::nullopt;
    points *= *extent;
  }
  return points;
}

/// Attention FLOPs: Q·Kᵀ and P·V, halved for a square causal mask.
static double attentionFlops(double b, double hq, double sq, double skv,
                             double d, double dv, bool causal) {
  double flops = 2.0 * b * hq * sq * skv * (d + dv);
  return causal && sq == skv ? flops / 2.0 : flops;
}

std::optional<double>
mlir::attn::run::countFlops(func::FuncOp func,
                            const std::vector<HostArray> &inputs) {
  SizeResolver sizes(func, inputs);
  double total = 0.0;
  bool known = true;
  // Whether every size is known; marks the count unknown otherwise.
  auto allKnown = [&](std::initializer_list<std::optional<double>> dims) {
    for (const auto &d : dims)
      if (!d)
        known = false;
    return known;
  };

  func.walk([&](Operation *op) {
    if (auto sdpa = dyn_cast<SdpaOp>(op)) {
      Value q = sdpa.getQuery(), k = sdpa.getKey(), v = sdpa.getValue();
      auto b = sizes.size(q, 0), hq = sizes.size(q, 1), sq = sizes.size(q, 2);
      auto skv = sizes.size(k, 2), d = sizes.size(q, 3), dv = sizes.size(v, 3);
      if (allKnown({b, hq, sq, skv, d, dv}))
        total += attentionFlops(*b, *hq, *sq, *skv, *d, *dv, sdpa.getCausal());
    } else if (auto mha = dyn_cast<MhaOp>(op)) {
      Value x = mha.getInput(), kv = mha.getKeyValueSource();
      auto b = sizes.size(x, 0), sq = sizes.size(x, 1), m = sizes.size(x, 2);
      auto skv = sizes.size(kv, 1), mkv = sizes.size(kv, 2);
      auto n = sizes.size(mha.getWo(), 1);
      double hq = mha.getNumHeads(), hkv = mha.getNumKvHeads(),
             dh = mha.getHeadDim();
      if (allKnown({b, sq, m, skv, mkv, n}))
        total += 2.0 * *b * *sq * *m * hq * dh +           // x·Wq
                 2.0 * 2.0 * *b * *skv * *mkv * hkv * dh + // kv·Wk, kv·Wv
                 2.0 * *b * *sq * hq * dh * *n +           // ·Wo
                 attentionFlops(*b, hq, *sq, *skv, dh, dh, mha.getCausal());
    } else if (auto linalgOp = dyn_cast<linalg::LinalgOp>(op);
               linalgOp && linalg::isaContractionOpInterface(linalgOp)) {
      // matmul, batch_matmul, their transposed-operand forms (indexing maps),
      // matvec, dot and multiply-accumulate linalg.generics: one multiply and
      // one add per point of the iteration space, read from the indexing
      // maps rather than from operand positions.
      if (auto points = iterationPoints(linalgOp, sizes); allKnown({points}))
        total += 2.0 * *points;
    }
  });
  if (!known)
    return std::nullopt;
  return total;
}

void mlir::attn::run::printTiming(llvm::raw_ostream &os, const JitFunction &jit,
                                  const std::vector<HostArray> &inputs,
                                  unsigned repeat,
                                  std::optional<double> flops) {
  using Clock = std::chrono::steady_clock;
  jit.callAndDiscard(inputs); // Warm-up: page in code, caches, allocator.
  std::vector<double> seconds;
  for (unsigned i = 0; i < repeat; ++i) {
    auto start = Clock::now();
    jit.callAndDiscard(inputs);
    seconds.push_back(
        std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  double median = repeat % 2
                      ? seconds[repeat / 2]
                      : (seconds[repeat / 2 - 1] + seconds[repeat / 2]) / 2.0;
  os << "time: median " << llvm::format("%.4g", median * 1e3) << " ms over "
     << repeat << " run" << (repeat == 1 ? "" : "s") << " (min "
     << llvm::format("%.4g", seconds.front() * 1e3) << " ms, after 1 warm-up)";
  if (flops && *flops > 0.0 && median > 0.0)
    os << "; " << llvm::format("%.4g", *flops / median * 1e-9) << " GFLOP/s ("
       << llvm::format("%.4g", *flops) << " FLOP per call)";
  else if (!flops)
    os << "; GFLOP/s unknown (a size the FLOP count needs is dynamic)";
  os << "\n";
}
