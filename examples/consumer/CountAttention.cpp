//===- CountAttention.cpp - a consumer's own pass over attn ops -----------===//
//
// consumer-count-attention: for each function, counts the attn.sdpa,
// attn.mha and attn.residual ops in it (nested ones too) and their query
// heads, reports them as a remark and records the head count as a
// `consumer.attention_heads` attribute. It uses attn's C++ API (op classes,
// generated accessors) from the installed headers.
//
// A pass of a real project would be declared in ODS (Passes.td) and built
// with mlir-tblgen; PassWrapper keeps this example to plain C++.
//
//===----------------------------------------------------------------------===//

#include "CountAttention.h"

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/Pass/Pass.h"

using namespace mlir;

namespace {
struct CountAttentionPass
    : public PassWrapper<CountAttentionPass, OperationPass<func::FuncOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(CountAttentionPass)

  StringRef getArgument() const final { return "consumer-count-attention"; }
  StringRef getDescription() const final {
    return "Report the attn ops and query heads of each function";
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    int64_t sdpa = 0, mha = 0, residual = 0, heads = 0;
    bool dynamicHeads = false;
    func.walk([&](Operation *op) {
      if (auto s = dyn_cast<attn::SdpaOp>(op)) {
        ++sdpa;
        int64_t hq = s.getQuery().getType().getDimSize(1);
        if (ShapedType::isDynamic(hq))
          dynamicHeads = true;
        else
          heads += hq;
      } else if (auto m = dyn_cast<attn::MhaOp>(op)) {
        ++mha;
        heads += m.getNumHeads();
      } else if (isa<attn::ResidualOp>(op)) {
        ++residual;
      }
    });
    if (sdpa + mha + residual == 0)
      return;
    func.emitRemark() << "attention: " << sdpa << " attn.sdpa, " << mha
                      << " attn.mha, " << residual << " attn.residual; "
                      << heads << (dynamicHeads ? "+" : "") << " query heads";
    func->setAttr("consumer.attention_heads",
                  Builder(func.getContext()).getI64IntegerAttr(heads));
  }
};
} // namespace

void consumer::registerCountAttentionPass() {
  PassRegistration<CountAttentionPass>();
}
