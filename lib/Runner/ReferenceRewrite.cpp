//===- ReferenceRewrite.cpp - attn ops → calls into attn::ref -------------===//
//
// The IR half of the reference route (see ReferencePlan.h). Only the ops'
// operands and attributes are read here; the semantics (default scale and
// causal offset, head grouping, masks, layer norm) are attn::ref's own.
//
//===----------------------------------------------------------------------===//

#include "attn/Runner/ReferencePlan.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Runner/Compile.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::ElementKind;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// "attn.sdpa at file.mlir:12:8".
static std::string describeOp(Operation *op) {
  std::string text = op->getName().getStringRef().str();
  if (auto loc = dyn_cast<FileLineColLoc>(op->getLoc()))
    text += " at " + loc.getFilename().str() + ":" +
            std::to_string(loc.getLine()) + ":" +
            std::to_string(loc.getColumn());
  return text;
}

namespace {
/// Builds the declarations and calls, and records the plan.
class ReferenceBuilder {
public:
  ReferenceBuilder(ModuleOp module, ReferencePlan &plan)
      : module(module), plan(plan) {}

  /// Replaces `op`'s computation of `resultType` from `operands` by a call
  /// to a new `@attn_ref_K` for `call`; returns the call's result.
  llvm::Expected<Value> emitCall(Operation *op, RefCall call,
                                 ValueRange operands, Type resultType);

private:
  ModuleOp module;
  ReferencePlan &plan;
};
} // namespace

llvm::Expected<Value> ReferenceBuilder::emitCall(Operation *op, RefCall call,
                                                 ValueRange operands,
                                                 Type resultType) {
  MLIRContext *ctx = module.getContext();
  int64_t id = static_cast<int64_t>(plan.calls.size());
  std::string name = "attn_ref_" + std::to_string(id);
  if (module.lookupSymbol(name))
    return makeError("--check: the module already defines @" + name +
                     ", the name the reference route needs");

  call.origin = describeOp(op);
  for (Value operand : operands) {
    auto type = getBoundaryType(operand.getType(), "an operand");
    if (!type)
      return type.takeError();
    call.operandKinds.push_back(type->kind);
    call.operandRanks.push_back(static_cast<int64_t>(type->shape.size()));
  }
  auto result = getBoundaryType(resultType, "the result");
  if (!result)
    return result.takeError();
  call.resultKind = result->kind;

  SmallVector<Type> argTypes{IntegerType::get(ctx, 64)};
  llvm::append_range(argTypes, operands.getTypes());
  OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
  auto decl = func::FuncOp::create(
      moduleBuilder, op->getLoc(), name,
      FunctionType::get(ctx, argTypes, TypeRange{resultType}));
  decl.setPrivate();
  decl->setAttr("llvm.emit_c_interface", UnitAttr::get(ctx));

  OpBuilder builder(op);
  SmallVector<Value> callOperands{
      arith::ConstantIntOp::create(builder, op->getLoc(), id, 64)};
  llvm::append_range(callOperands, operands);
  auto callOp = func::CallOp::create(builder, op->getLoc(), decl, callOperands);
  plan.calls.push_back(std::move(call));
  return callOp.getResult(0);
}

static RefCall attentionCall(RefCall::Kind kind, std::optional<float> scale,
                             bool causal, std::optional<int64_t> offset,
                             bool hasMask) {
  RefCall call;
  call.kind = kind;
  if (scale)
    call.scale = *scale;
  call.causal = causal;
  call.causalOffset = offset;
  call.hasMask = hasMask;
  return call;
}

/// Replaces a one-result attn op by a reference call on all its operands.
static llvm::Error replaceByCall(Operation *op, const RefCall &call,
                                 ReferenceBuilder &builder) {
  auto value =
      builder.emitCall(op, call, op->getOperands(), op->getResult(0).getType());
  if (!value)
    return value.takeError();
  op->getResult(0).replaceAllUsesWith(*value);
  op->erase();
  return llvm::Error::success();
}

static llvm::Error replaceSdpa(SdpaOp op, ReferenceBuilder &builder) {
  std::optional<float> scale;
  if (auto attr = op.getScaleAttr())
    scale = attr.getValue().convertToFloat();
  RefCall call = attentionCall(RefCall::Kind::Sdpa, scale, op.getCausal(),
                               op.getCausalOffset(), op.getMask() != nullptr);
  return replaceByCall(op, call, builder);
}

static llvm::Error replaceMha(MhaOp op, ReferenceBuilder &builder) {
  std::optional<float> scale;
  if (auto attr = op.getScaleAttr())
    scale = attr.getValue().convertToFloat();
  RefCall call = attentionCall(RefCall::Kind::Mha, scale, op.getCausal(),
                               op.getCausalOffset(), op.getMask() != nullptr);
  call.numHeads = op.getNumHeads();
  call.numKvHeads = op.getNumKvHeads();
  call.headDim = op.getHeadDim();
  call.hasKv = op.getKvInput() != nullptr;
  call.hasBq = op.getBq() != nullptr;
  call.hasBk = op.getBk() != nullptr;
  call.hasBv = op.getBv() != nullptr;
  call.hasBo = op.getBo() != nullptr;
  // The operands in declaration order (input, kv?, wq, wk, wv, wo, bq?,
  // bk?, bv?, bo?, mask?); the flags say which optional ones are there.
  return replaceByCall(op, call, builder);
}

/// x + F(x), x + F(LN(x)) or LN(x + F(x)) with LN and + as reference calls
/// and F's body inlined in between.
static llvm::Error expandResidual(ResidualOp op, ReferenceBuilder &builder) {
  Value x = op.getInput();
  Type type = x.getType();
  std::optional<NormPlacement> norm = op.getNorm();
  RefCall layerNorm;
  layerNorm.kind = RefCall::Kind::LayerNorm;
  layerNorm.epsilon = op.getEpsilon().convertToFloat();
  RefCall add;
  add.kind = RefCall::Kind::Add;

  Value h = x;
  if (norm == NormPlacement::Pre) {
    auto normed = builder.emitCall(
        op, layerNorm, ValueRange{x, op.getGamma(), op.getBeta()}, type);
    if (!normed)
      return normed.takeError();
    h = *normed;
  }
  IRRewriter rewriter(op.getContext());
  YieldOp yield = op.getYield();
  Value f = yield.getValue();
  rewriter.inlineBlockBefore(&op.getBody().front(), op, ValueRange{h});
  rewriter.eraseOp(yield);

  auto sum = builder.emitCall(op, add, ValueRange{x, f}, type);
  if (!sum)
    return sum.takeError();
  Value y = *sum;
  if (norm == NormPlacement::Post) {
    auto normed = builder.emitCall(
        op, layerNorm, ValueRange{y, op.getGamma(), op.getBeta()}, type);
    if (!normed)
      return normed.takeError();
    y = *normed;
  }
  rewriter.replaceOp(op, y);
  return llvm::Error::success();
}

bool mlir::attn::run::hasAttnComputation(func::FuncOp func) {
  return func
      .walk([](Operation *op) {
        return isa<AttnDialect>(op->getDialect()) && !isa<WeightRefOp>(op)
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

unsigned mlir::attn::run::countContractions(func::FuncOp func) {
  unsigned count = 0;
  func.walk([&](linalg::LinalgOp op) {
    if (linalg::isaContractionOpInterface(op))
      ++count;
  });
  return count;
}

llvm::Expected<ReferencePlan>
mlir::attn::run::rewriteForReference(ModuleOp module, func::FuncOp func) {
  ReferencePlan plan;
  ReferenceBuilder builder(module, plan);

  // Residual blocks first, outermost first, until none is left: inlining a
  // body exposes the attn ops (and residual blocks) nested in it.
  while (true) {
    ResidualOp residual;
    func.walk<WalkOrder::PreOrder>([&](ResidualOp op) {
      residual = op;
      return WalkResult::interrupt();
    });
    if (!residual)
      break;
    ++plan.numAttnOps;
    if (llvm::Error err = expandResidual(residual, builder))
      return std::move(err);
  }

  SmallVector<Operation *> attention;
  func.walk([&](Operation *op) {
    if (isa<SdpaOp, MhaOp>(op))
      attention.push_back(op);
  });
  for (Operation *op : attention) {
    ++plan.numAttnOps;
    llvm::Error err = isa<SdpaOp>(op) ? replaceSdpa(cast<SdpaOp>(op), builder)
                                      : replaceMha(cast<MhaOp>(op), builder);
    if (err)
      return std::move(err);
  }

  // Anything else of attn's (other than weight references, which stay as
  // the constants they are) has no reference implementation.
  Operation *unsupported = nullptr;
  func.walk([&](Operation *op) {
    if (isa<AttnDialect>(op->getDialect()) && !isa<WeightRefOp>(op)) {
      unsupported = op;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  if (unsupported)
    return makeError("--check: no reference implementation for " +
                     describeOp(unsupported));

  func.walk([&](Operation *op) {
    bool inserted = isa<func::CallOp>(op) &&
                    cast<func::CallOp>(op).getCallee().starts_with("attn_ref_");
    bool idConstant =
        isa<arith::ConstantIntOp>(op) &&
        llvm::all_of(op->getUsers(),
                     [](Operation *user) {
                       return isa<func::CallOp>(user) &&
                              cast<func::CallOp>(user).getCallee().starts_with(
                                  "attn_ref_");
                     }) &&
        !op->use_empty();
    if (op == func || inserted || idConstant ||
        isa<func::ReturnOp, WeightRefOp>(op) ||
        isa<linalg::LinalgOp>(op->getParentOp()))
      return;
    ++plan.numUpstreamOps;
  });
  return plan;
}
