//===- FastExp.cpp - math.exp → ex2.approx in GPU kernels -----------------===//
//
// exp(x) = 2^(x · log2 e), the power of two computed by PTX's ex2.approx.f32
// (one MUFU instruction), so the kernels need no libdevice (whose bitcode
// gpu-module-to-binary would otherwise have to find in the CUDA toolkit it
// uses) and pay no libdevice call per exponential.
//
//===----------------------------------------------------------------------===//

#include "attn/Gpu/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include "llvm/Support/MathExtras.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNGPUFASTEXP
#include "attn/Gpu/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;

namespace {

/// math.exp %x : f32 → llvm.nvvm.ex2.approx.f32(%x · log2 e), called as an
/// intrinsic: convert-gpu-to-nvvm turns math.exp and llvm.intr.exp2 alike
/// into libdevice calls, but leaves intrinsic calls alone.
struct ExpToEx2 : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rewriter) const override {
    if (!op.getType().isF32())
      return rewriter.notifyMatchFailure(op, "not a scalar f32");
    Location loc = op.getLoc();
    Value log2e = arith::ConstantOp::create(
        rewriter, loc, rewriter.getF32FloatAttr(llvm::numbers::log2ef));
    Value scaled = arith::MulFOp::create(rewriter, loc, op.getOperand(), log2e,
                                         op.getFastmath());
    rewriter.replaceOpWithNewOp<LLVM::CallIntrinsicOp>(
        op, op.getType(), rewriter.getStringAttr("llvm.nvvm.ex2.approx.f32"),
        ValueRange{scaled});
    return success();
  }
};

struct GpuFastExp : attn::impl::AttnGpuFastExpBase<GpuFastExp> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<ExpToEx2>(&getContext());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace
