//===- TilingPasses.cpp - the attn-tile pass ------------------------------===//
//
// A thin driver over the pattern in TileSdpa.cpp; what it adds is choosing
// sizes from the target when the options leave them at 0.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Target/CpuTarget.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/MathExtras.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNTILE
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Default tile sizes for one op, from the cache sizes: K and V of a
/// key/value block fill twice L1 (the kernel streams a block 64 keys at a
/// time, so a block need not fit L1, and longer blocks spread the per-block
/// work of each row group: its max, sum and accumulator hand-off; 128 keys
/// beat 64 by 4-5% at D=64, docs/performance.md), never fewer than 64 keys
/// (the vector kernel's chunk: a smaller block leaves every chunk ragged and
/// half its registers idle; measured 314 → 405 GFLOP/s at D=128); a query
/// block's f32 accumulator fills about a quarter of L2, capped at 256 rows
/// so query blocks still give every thread work at moderate lengths (256
/// beat 128 by ~5% at D=64 and D=128).
SdpaTileSizes defaultSizes(SdpaOp op, int64_t l1, int64_t l2) {
  SdpaDims dims = SdpaDims::get(op);
  int64_t bytes = op.getKey().getType().getElementTypeBitWidth() / 8;
  int64_t d = ShapedType::isDynamic(dims.headDim) ? 128 : dims.headDim;
  int64_t dv = ShapedType::isDynamic(dims.valueDim) ? 128 : dims.valueDim;
  SdpaTileSizes sizes;
  sizes.kvBlock =
      std::clamp<int64_t>(llvm::bit_floor(uint64_t(
                              2 * l1 / std::max<int64_t>(1, (d + dv) * bytes))),
                          64, 256);
  sizes.queryBlock = std::clamp<int64_t>(
      llvm::bit_floor(uint64_t(l2 / 4 / std::max<int64_t>(1, dv * 4))), 16,
      256);
  return sizes;
}

/// Split-K only pays when each query block is short and the sequence long:
/// decoding (Sq ≤ kDecodeQueryRows, before any packing of query heads into
/// rows) over 2K+ keys gets one split per 2K keys, up to 16.
int64_t defaultSplits(SdpaOp op) {
  int64_t querySeq = logicalQueryLength(op);
  if (ShapedType::isDynamic(querySeq) || querySeq > kDecodeQueryRows)
    return 1;
  int64_t kvSeq = SdpaDims::get(op).kvSeq;
  if (ShapedType::isDynamic(kvSeq))
    return 4;
  return std::clamp<int64_t>(kvSeq / 2048, 1, 16);
}

struct AttnTile : attn::impl::AttnTileBase<AttnTile> {
  using Base::Base;
  void runOnOperation() override {
    Operation *root = getOperation();
    // 0 means "choose"; a negative size would make empty or endless loops.
    for (auto [name, value] :
         {std::pair<StringRef, int64_t>{"query-block", queryBlock},
          {"kv-block", kvBlock},
          {"kv-splits", kvSplits}})
      if (value < 0) {
        // At the module's location, without printing the whole module.
        mlir::emitError(root->getLoc())
            << "attn-tile: " << name << "=" << value
            << " is negative (give a positive size, or 0 to "
               "choose it from the target)";
        return signalPassFailure();
      }
    int64_t l1 = getCpuCacheSize(root, "L1_cache_size_in_bytes", 32 * 1024);
    int64_t l2 = getCpuCacheSize(root, "L2_cache_size_in_bytes", 1024 * 1024);
    // Sizes may differ per op (head dims), so each op gets its own pattern
    // application.
    SmallVector<SdpaOp> ops;
    root->walk([&](SdpaOp op) { ops.push_back(op); });
    for (SdpaOp op : ops) {
      SdpaTileSizes sizes = defaultSizes(op, l1, l2);
      if (queryBlock > 0)
        sizes.queryBlock = queryBlock;
      if (kvBlock > 0)
        sizes.kvBlock = kvBlock;
      sizes.keyLayout = keyLayout;
      sizes.kvSplits = kvSplits > 0 ? kvSplits : defaultSplits(op);
      RewritePatternSet patterns(&getContext());
      populateAttnTileSdpaPatterns(patterns, sizes);
      GreedyRewriteConfig config;
      config.setStrictness(GreedyRewriteStrictness::ExistingOps);
      (void)applyOpPatternsGreedily({op.getOperation()}, std::move(patterns),
                                    config);
    }
  }
};

} // namespace
