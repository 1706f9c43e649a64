//===- RuntimeChecksToStatus.cpp - failed checks as a status, not abort() -===//
//
// cf.assert lowers to a message and abort(), which kills whatever process
// called the compiled code. Here a failed check directly in a function's
// body stores its message in a thread-local status and returns from the
// function instead; `@<name>_error()` reads the status (attn-compile's C
// header documents it, attn-run prints it and exits 1).
//
//===----------------------------------------------------------------------===//

#include "attn/Conversion/Passes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/UB/IR/UBOps.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNRUNTIMECHECKSTOSTATUS
#include "attn/Conversion/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;

namespace {

struct AttnRuntimeChecksToStatus
    : attn::impl::AttnRuntimeChecksToStatusBase<AttnRuntimeChecksToStatus> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    SymbolTable symbols(module);
    SmallVector<func::FuncOp> funcs;
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && (func.isPublic() || hasChecks(func)))
        funcs.push_back(func);
    unsigned messages = 0;
    for (func::FuncOp func : funcs) {
      LLVM::GlobalOp status = makeStatus(module, symbols, func);
      Location loc = func.getLoc();
      OpBuilder b(func.getBody());
      store(b, loc, status, LLVM::ZeroOp::create(b, loc, ptrType()));
      SmallVector<cf::AssertOp> checks;
      for (Block &block : func.getBody())
        for (auto check : block.getOps<cf::AssertOp>())
          checks.push_back(check);
      for (cf::AssertOp check : checks)
        branchOnFailure(module, func, status, check, messages);
      if (func.isPublic())
        makeAccessor(module, symbols, func, status);
    }
  }

private:
  Type ptrType() { return LLVM::LLVMPointerType::get(&getContext()); }

  static bool hasChecks(func::FuncOp func) {
    for (Block &block : func.getBody())
      if (!block.getOps<cf::AssertOp>().empty())
        return true;
    return false;
  }

  static void store(OpBuilder &b, Location loc, LLVM::GlobalOp status,
                    Value value) {
    Value address = LLVM::AddressOfOp::create(b, loc, status);
    LLVM::StoreOp::create(b, loc, value, address);
  }

  /// `@<func>.error`: a thread-local `const char *`, null until a check
  /// fails.
  LLVM::GlobalOp makeStatus(ModuleOp module, SymbolTable &symbols,
                            func::FuncOp func) {
    OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
    Location loc = func.getLoc();
    auto global = LLVM::GlobalOp::create(
        b, loc, ptrType(), /*isConstant=*/false, LLVM::Linkage::Private,
        (func.getName() + ".error").str(), Attribute(), /*alignment=*/0,
        /*addrSpace=*/0, /*dsoLocal=*/true, /*threadLocal=*/true);
    Block *init = b.createBlock(&global.getInitializerRegion());
    b.setInsertionPointToStart(init);
    LLVM::ReturnOp::create(b, loc,
                           LLVM::ZeroOp::create(b, loc, ptrType()).getResult());
    symbols.insert(global); // renames on a clash
    return global;
  }

  /// `check`'s block continues only when the check holds; otherwise the
  /// function records the message and returns undefined results.
  void branchOnFailure(ModuleOp module, func::FuncOp func,
                       LLVM::GlobalOp status, cf::AssertOp check,
                       unsigned &messages) {
    Location loc = check.getLoc();
    Block *before = check->getBlock();
    Block *after = before->splitBlock(check->getNextNode());
    Block *failed = new Block();
    func.getBody().getBlocks().insertAfter(before->getIterator(), failed);

    OpBuilder b(check);
    cf::CondBranchOp::create(b, loc, check.getArg(), after, ValueRange{},
                             failed, ValueRange{});
    b.setInsertionPointToStart(failed);
    std::string name =
        ("attn.check_message." + func.getName() + "." + Twine(messages++))
            .str();
    std::string text = check.getMsg().str();
    text.push_back(0); // a C string
    Value message =
        LLVM::createGlobalString(loc, b, name, text, LLVM::Linkage::Private);
    store(b, loc, status, message);
    SmallVector<Value> results;
    for (Type type : func.getResultTypes())
      results.push_back(ub::PoisonOp::create(b, loc, type));
    func::ReturnOp::create(b, loc, results);
    check.erase();
  }

  /// `@<func>_error() -> !llvm.ptr`: the message of the last call's failed
  /// check on this thread, or null.
  void makeAccessor(ModuleOp module, SymbolTable &symbols, func::FuncOp func,
                    LLVM::GlobalOp status) {
    OpBuilder b = OpBuilder::atBlockEnd(module.getBody());
    Location loc = func.getLoc();
    auto accessor =
        LLVM::LLVMFuncOp::create(b, loc, (func.getName() + "_error").str(),
                                 LLVM::LLVMFunctionType::get(ptrType(), {}));
    b.setInsertionPointToStart(accessor.addEntryBlock(b));
    Value address = LLVM::AddressOfOp::create(b, loc, status);
    LLVM::ReturnOp::create(
        b, loc, LLVM::LoadOp::create(b, loc, ptrType(), address).getResult());
    symbols.insert(accessor);
  }
};

} // namespace
