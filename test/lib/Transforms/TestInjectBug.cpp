//===- TestInjectBug.cpp - deliberately wrong attention, for tests --------===//
//
// test-attn-inject-bug rewrites each attn.sdpa into a different attention
// problem, one of the mistakes a lowering could make, so that tests can show
// that attn-run --check catches it: the reference is built from the input as
// written, the compiled code from the rewritten op, and they differ by
// exactly the bug. The production passes know nothing of this.
//
//   wrong-scale        scale 1/D instead of the op's
//   ignore-mask        the keep-mask or bias dropped
//   wrong-grouping     query head h reads key/value head h mod Hkv instead
//                      of h floordiv (Hq/Hkv): K and V are expanded to Hq
//                      heads that way (a linalg.generic each)
//   causal-off-by-one  key j visible iff j <= i + offset + 1
//
//===----------------------------------------------------------------------===//

#include "TestPasses.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/ADT/StringSwitch.h"

using namespace mlir;
using namespace mlir::attn;

namespace {

enum class Bug { None, WrongScale, IgnoreMask, WrongGrouping, CausalOffByOne };

/// `kv` (B×Hkv×S×D) as B×Hq×S×D, query head h reading head h mod Hkv.
Value expandHeadsModulo(OpBuilder &b, Location loc, Value kv,
                        int64_t queryHeads, int64_t kvHeads) {
  SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, kv);
  sizes[1] = b.getIndexAttr(queryHeads);
  Type elementType = cast<RankedTensorType>(kv.getType()).getElementType();
  AffineExpr d0, d1, d2, d3;
  bindDims(b.getContext(), d0, d1, d2, d3);
  auto read = AffineMap::get(4, 0, {d0, d1 % kvHeads, d2, d3}, b.getContext());
  return buildElementwise(
      b, loc, {kv}, {read}, emptyTensor(b, loc, sizes, elementType),
      [](OpBuilder &, Location, ValueRange args) { return args[0]; });
}

LogicalResult injectBug(SdpaOp op, Bug bug) {
  OpBuilder b(op);
  SdpaDims dims = SdpaDims::get(op);
  switch (bug) {
  case Bug::None:
    return success();
  case Bug::WrongScale:
    if (ShapedType::isDynamic(dims.headDim) || dims.headDim == 0)
      return op.emitError("wrong-scale needs a static, non-zero head dim");
    op.setScaleAttr(b.getF32FloatAttr(1.0f / static_cast<float>(dims.headDim)));
    return success();
  case Bug::IgnoreMask:
    op.getMaskMutable().clear();
    return success();
  case Bug::CausalOffByOne: {
    if (!op.getCausal())
      return success();
    std::optional<int64_t> offset = getStaticCausalOffset(op);
    if (!offset)
      return op.emitError("causal-off-by-one needs static sequence lengths "
                          "or an explicit causal offset");
    op.setCausalOffsetAttr(b.getI64IntegerAttr(*offset + 1));
    return success();
  }
  case Bug::WrongGrouping: {
    int64_t group = dims.groupSize();
    if (ShapedType::isDynamic(group))
      return op.emitError("wrong-grouping needs static head counts");
    if (group == 1)
      return success(); // multi-head attention: nothing to group wrongly
    Location loc = op.getLoc();
    op.getKeyMutable().assign(
        expandHeadsModulo(b, loc, op.getKey(), dims.queryHeads, dims.kvHeads));
    op.getValueMutable().assign(expandHeadsModulo(
        b, loc, op.getValue(), dims.queryHeads, dims.kvHeads));
    return success();
  }
  }
  llvm_unreachable("unknown bug");
}

struct TestAttnInjectBug : PassWrapper<TestAttnInjectBug, OperationPass<>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(TestAttnInjectBug)

  TestAttnInjectBug() = default;
  TestAttnInjectBug(const TestAttnInjectBug &other) : PassWrapper(other) {}
  explicit TestAttnInjectBug(Bug kind) { bug = kind; }

  StringRef getArgument() const final { return "test-attn-inject-bug"; }
  StringRef getDescription() const final {
    return "Test only: make every attn.sdpa compute a deliberately wrong "
           "attention, to show that attn-run --check catches it";
  }
  void getDependentDialects(DialectRegistry &registry) const override {
    registry.insert<arith::ArithDialect, linalg::LinalgDialect,
                    tensor::TensorDialect>();
  }

  void runOnOperation() override {
    if (bug == Bug::None) {
      getOperation()->emitError("test-attn-inject-bug: choose a bug");
      return signalPassFailure();
    }
    WalkResult result = getOperation()->walk([&](SdpaOp op) {
      return failed(injectBug(op, bug)) ? WalkResult::interrupt()
                                        : WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }

  Option<Bug> bug{
      *this, "bug", llvm::cl::desc("The mistake to make"),
      llvm::cl::init(Bug::None),
      llvm::cl::values(
          clEnumValN(Bug::WrongScale, "wrong-scale",
                     "scale 1/D instead of the op's"),
          clEnumValN(Bug::IgnoreMask, "ignore-mask",
                     "drop the keep-mask or bias"),
          clEnumValN(Bug::WrongGrouping, "wrong-grouping",
                     "key/value head h mod Hkv instead of h floordiv "
                     "(Hq/Hkv)"),
          clEnumValN(Bug::CausalOffByOne, "causal-off-by-one",
                     "key j visible iff j <= i + offset + 1"))};
};

} // namespace

void mlir::attn::test::registerTestAttnPasses() {
  PassRegistration<TestAttnInjectBug>();
}

LogicalResult mlir::attn::test::injectBugForTest(ModuleOp module,
                                                 StringRef name) {
  std::optional<Bug> bug = llvm::StringSwitch<std::optional<Bug>>(name)
                               .Case("wrong-scale", Bug::WrongScale)
                               .Case("ignore-mask", Bug::IgnoreMask)
                               .Case("wrong-grouping", Bug::WrongGrouping)
                               .Case("causal-off-by-one", Bug::CausalOffByOne)
                               .Default(std::nullopt);
  if (!bug)
    return module.emitError() << "unknown --test-inject-bug value '" << name
                              << "' (expected wrong-scale, ignore-mask, "
                                 "wrong-grouping or causal-off-by-one)";
  // The layers first, so the bug reaches the attn.sdpa inside attn.mha.
  PassManager pm(module.getContext());
  pm.addPass(createAttnDecomposeLayers());
  pm.addPass(std::make_unique<TestAttnInjectBug>(*bug));
  return pm.run(module);
}
