//===- ReferenceThunks.cpp - C entry points into attn::ref ----------------===//
//
// The runtime half of the reference route (see ReferenceRoute.h). The
// declaration @attn_ref_K(i64, memref operands...) -> memref gets the C
// interface
//
//   void _mlir_ciface_attn_ref_K(Desc *result, int64_t K, Desc *a0, ...)
//
// One thunk per operand count serves every call site with that many
// operands: K selects the site's RefCall (op kind, attributes, element
// kinds and ranks), which says how to read the descriptors.
//
//===----------------------------------------------------------------------===//

#include "ReferenceRoute.h"

#include "attn/Reference/Reference.h"

#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <utility>
#include <vector>

using namespace mlir::attn::run;
using ::attn::ref::MaskKind;
using ::attn::ref::Tensor;
using ::attn::runner::ElementKind;

/// The plan the compiled reference code was built from. One --check runs
/// at a time, so a global is enough.
static const ReferencePlan *activePlan = nullptr;

static Tensor readOperand(const int64_t *descriptor, ElementKind kind,
                          int64_t rank) {
  ::attn::runner::MemRefView view =
      ::attn::runner::readDescriptor(descriptor, rank);
  std::vector<int64_t> shape = view.sizes;
  return Tensor(std::move(shape), ::attn::runner::viewToDoubles(view, kind));
}

static Tensor evaluate(const RefCall &call, const std::vector<Tensor> &ops) {
  switch (call.kind) {
  case RefCall::Kind::Sdpa: {
    ::attn::ref::SdpaOptions options;
    options.scale = call.scale;
    options.causal = call.causal;
    options.causalOffset = call.causalOffset;
    const Tensor *mask = call.hasMask ? &ops[3] : nullptr;
    MaskKind maskKind = MaskKind::None;
    if (call.hasMask)
      maskKind = call.operandKinds[3] == ElementKind::I1 ? MaskKind::Boolean
                                                         : MaskKind::Additive;
    return ::attn::ref::sdpa(ops[0], ops[1], ops[2], mask, maskKind, options);
  }
  case RefCall::Kind::Mha: {
    ::attn::ref::MhaOptions options;
    options.numHeads = call.numHeads;
    options.numKvHeads = call.numKvHeads;
    options.headDim = call.headDim;
    options.scale = call.scale;
    options.causal = call.causal;
    options.causalOffset = call.causalOffset;
    // Operands in order: input, kv?, wq, wk, wv, wo, bq?, bk?, bv?, bo?,
    // mask?.
    size_t next = 0;
    auto take = [&](bool present) -> const Tensor * {
      return present ? &ops[next++] : nullptr;
    };
    const Tensor *x = take(true), *kv = take(call.hasKv);
    const Tensor *wq = take(true), *wk = take(true), *wv = take(true),
                 *wo = take(true);
    const Tensor *bq = take(call.hasBq), *bk = take(call.hasBk),
                 *bv = take(call.hasBv), *bo = take(call.hasBo);
    size_t maskIndex = next;
    const Tensor *mask = take(call.hasMask);
    MaskKind maskKind = MaskKind::None;
    if (mask)
      maskKind = call.operandKinds[maskIndex] == ElementKind::I1
                     ? MaskKind::Boolean
                     : MaskKind::Additive;
    return ::attn::ref::mha(*x, kv, *wq, *wk, *wv, *wo, bq, bk, bv, bo, options,
                            mask, maskKind);
  }
  case RefCall::Kind::LayerNorm:
    return ::attn::ref::layerNorm(ops[0], ops[1], ops[2], call.epsilon);
  case RefCall::Kind::Add:
    return ::attn::ref::add(ops[0], ops[1]);
  }
  return Tensor();
}

static void runCall(int64_t *result, int64_t id, int64_t **operands,
                    size_t count) {
  const RefCall &call = activePlan->calls.at(id);
  std::vector<Tensor> tensors;
  for (size_t i = 0; i < count; ++i)
    tensors.push_back(
        readOperand(operands[i], call.operandKinds[i], call.operandRanks[i]));
  Tensor out;
  try {
    out = evaluate(call, tensors);
  } catch (const std::exception &e) {
    // The compiled code cannot take an error back; the verifier should have
    // rejected whatever attn::ref rejects, so this is a bug to report.
    llvm::errs() << "attn-run: error: the reference for " << call.origin
                 << " rejected its operands: " << e.what() << "\n";
    llvm::errs().flush();
    std::exit(1);
  }
  ::attn::runner::writeMallocedResult(result, call.resultKind, out.shape,
                                      out.data);
}

template <size_t> using DescriptorPtr = int64_t *;

template <size_t... I>
static void thunk(int64_t *result, int64_t id, DescriptorPtr<I>... operands) {
  int64_t *list[] = {operands..., nullptr};
  runCall(result, id, list, sizeof...(I));
}

/// The thunk for `arity` memref operands (attn.mha has at most 11).
template <size_t... I> static void *thunkFor(std::index_sequence<I...>) {
  return reinterpret_cast<void *>(&thunk<I...>);
}

static void *thunkForArity(size_t arity) {
  switch (arity) {
  case 2:
    return thunkFor(std::make_index_sequence<2>());
  case 3:
    return thunkFor(std::make_index_sequence<3>());
  case 4:
    return thunkFor(std::make_index_sequence<4>());
  case 5:
    return thunkFor(std::make_index_sequence<5>());
  case 6:
    return thunkFor(std::make_index_sequence<6>());
  case 7:
    return thunkFor(std::make_index_sequence<7>());
  case 8:
    return thunkFor(std::make_index_sequence<8>());
  case 9:
    return thunkFor(std::make_index_sequence<9>());
  case 10:
    return thunkFor(std::make_index_sequence<10>());
  case 11:
    return thunkFor(std::make_index_sequence<11>());
  }
  return nullptr;
}

SymbolList mlir::attn::run::referenceSymbols(const ReferencePlan &plan) {
  activePlan = &plan;
  SymbolList symbols;
  for (size_t id = 0; id < plan.calls.size(); ++id)
    symbols.emplace_back("_mlir_ciface_attn_ref_" + std::to_string(id),
                         thunkForArity(plan.calls[id].operandKinds.size()));
  return symbols;
}
