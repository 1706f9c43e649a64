//===- RaisePass.cpp - the attn-raise pass --------------------------------===//
//
// A thin driver: one pattern per form (RaiseSdpa.cpp holds the matching),
// applied once to every op, with a remark for each chain raised or missed.
//
//===----------------------------------------------------------------------===//

#include "RaiseMha.h"
#include "RaiseSdpa.h"

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Remarks.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/Support/FormatVariadic.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNRAISE
#include "attn/Transforms/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {

/// The name of the function holding `op`, for remarks.
StringRef functionName(Operation *op) {
  if (auto f = op->getParentOfType<FunctionOpInterface>())
    return f.getName();
  return "";
}

/// `probs · V` at the end of an attention chain → attn.sdpa.
struct RaiseSdpaPattern : OpInterfaceRewritePattern<linalg::LinalgOp> {
  RaiseSdpaPattern(MLIRContext *ctx, RaiseOptions options,
                   RaiseCounters &counters)
      : OpInterfaceRewritePattern(ctx), options(options), counters(counters) {}

  LogicalResult matchAndRewrite(linalg::LinalgOp op,
                                PatternRewriter &rewriter) const override {
    ExprGraph graph;
    std::string why;
    FailureOr<SdpaChain> chain = matchSdpaChain(op, graph, options, why);
    if (failed(chain)) {
      if (!why.empty() && reported.insert(op).second) {
        ++counters.missed;
        remark::missed(op->getLoc(), remark::RemarkOpts::name("NotRaised")
                                         .category("attn-raise")
                                         .function(functionName(op)))
            << ("not raised: " + why);
      }
      return rewriter.notifyMatchFailure(op, why);
    }
    ++counters.raised;
    remark::passed(op->getLoc(), remark::RemarkOpts::name("RaisedSdpa")
                                     .category("attn-raise")
                                     .function(functionName(op)))
        << llvm::formatv("raised to attn.sdpa: {0} (scale {1:e}, {2})",
                         chain->description, chain->scale,
                         chain->terms.empty() ? "no mask operand"
                                              : "mask operand")
               .str();
    SdpaOp sdpa = rewriteSdpaChain(rewriter, *chain, graph);
    if (options.mha)
      counters.pendingMha.insert(sdpa);
    return success();
  }

  RaiseOptions options;
  RaiseCounters &counters;
  /// Ops whose miss was reported (a greedy driver may visit an op twice).
  mutable llvm::DenseSet<Operation *> reported;
};

/// A raised attn.sdpa with its projections, head split and merge around it
/// → attn.mha (the greedy driver visits the attn.sdpa once created).
struct RaiseMhaPattern : OpRewritePattern<SdpaOp> {
  RaiseMhaPattern(MLIRContext *ctx, RaiseOptions options,
                  RaiseCounters &counters)
      : OpRewritePattern(ctx), options(options), counters(counters) {}

  LogicalResult matchAndRewrite(SdpaOp op,
                                PatternRewriter &rewriter) const override {
    if (!counters.pendingMha.contains(op))
      return rewriter.notifyMatchFailure(op, "not raised by this pass");
    std::string why;
    FailureOr<MhaBlock> block = matchMhaBlock(op, why);
    if (failed(block)) {
      // Tried once: the block around a raised op does not change later.
      counters.pendingMha.erase(op);
      ++counters.mhaMissed;
      remark::missed(op->getLoc(), remark::RemarkOpts::name("NotRaisedMha")
                                       .category("attn-raise")
                                       .function(functionName(op)))
          << ("not raised as mha: " + why);
      return rewriter.notifyMatchFailure(op, why);
    }
    counters.pendingMha.erase(op);
    ++counters.mhaRaised;
    Location loc = op->getLoc();
    std::string function = functionName(op).str();
    std::string description = describeMhaBlock(*block);
    MhaOp mha = rewriteMhaBlock(rewriter, *block);
    if (options.foldScale && foldScaleIntoQuery(rewriter, mha))
      description += ", scale folded into constant Wq/bq";
    remark::passed(loc, remark::RemarkOpts::name("RaisedMha")
                            .category("attn-raise")
                            .function(function))
        << ("raised to attn.mha: " + description);
    return success();
  }

  RaiseOptions options;
  RaiseCounters &counters;
};

struct AttnRaise : attn::impl::AttnRaiseBase<AttnRaise> {
  using Base::Base;
  void runOnOperation() override {
    RaiseOptions raiseOptions;
    raiseOptions.causal = causal;
    raiseOptions.mha = mha;
    raiseOptions.foldScale = foldScale;
    RaiseCounters counters;
    RewritePatternSet patterns(&getContext());
    populateAttnRaisePatterns(patterns, raiseOptions, counters);
    GreedyRewriteConfig config;
    config.enableFolding(false).setRegionSimplificationLevel(
        GreedySimplifyRegionLevel::Disabled);
    // Only a failure to converge: the raised ops are final either way.
    (void)applyPatternsGreedily(getOperation(), std::move(patterns), config);
    // The statistics are compiled out of LLVM builds without statistics
    // (release builds such as apt.llvm.org's): the counts are also a remark.
    numRaised += counters.raised;
    numMissed += counters.missed;
    numMhaRaised += counters.mhaRaised;
    numMhaMissed += counters.mhaMissed;
    if (counters.raised || counters.missed)
      remark::analysis(
          getOperation()->getLoc(),
          remark::RemarkOpts::name("RaiseSummary").category("attn-raise"))
          << llvm::formatv("{0} attention chain(s) raised to attn.sdpa, {1} "
                           "left alone",
                           counters.raised, counters.missed)
                 .str();
    if (counters.mhaRaised || counters.mhaMissed)
      remark::analysis(
          getOperation()->getLoc(),
          remark::RemarkOpts::name("RaiseMhaSummary").category("attn-raise"))
          << llvm::formatv("{0} attention block(s) raised to attn.mha, {1} "
                           "left as attn.sdpa",
                           counters.mhaRaised, counters.mhaMissed)
                 .str();
  }
};

} // namespace

void mlir::attn::populateAttnRaisePatterns(RewritePatternSet &patterns,
                                           const RaiseOptions &options,
                                           RaiseCounters &counters) {
  patterns.add<RaiseSdpaPattern>(patterns.getContext(), options, counters);
  if (options.mha)
    patterns.add<RaiseMhaPattern>(patterns.getContext(), options, counters);
}
