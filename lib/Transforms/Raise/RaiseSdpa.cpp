//===- RaiseSdpa.cpp - attention chains in linalg → attn.sdpa -------------===//
//
// The chain is read backwards from the contraction O = P·V:
//
//   P  softmax over the keys: linalg.softmax, or its decomposed form
//      exp(X − max(X)) / sum(exp(X − max(X))) (the division may be a product
//      with 1/sum, the max subtraction may be absent);
//   X  scale·S plus mask terms: products by constants, divisions by constants
//      (sqrt(d)), added biases, and selects that fill masked scores with a
//      constant (masked_fill), in any order;
//   S  Q·Kᵀ, a linalg contraction (matmul, batch_matmul, a generic), with Kᵀ
//      through a transpose or an indexing map.
//
// Every loop of the two contractions gets a role: a batch dim (at most two:
// B and H), the query, the key, the head dim D or the value dim Dv. Q, K and V
// are transposed and reshaped to attn.sdpa's B×H×S×D layout from their roles,
// and its result back to O's.
//
//===----------------------------------------------------------------------===//

#include "RaiseSdpa.h"

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/SmallBitVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {

// Loop roles beyond the batch dims (0, 1).
constexpr int kQuery = 10, kKey = 11, kHeadDim = 12, kValueDim = 13;

/// A zero accumulator: a fill with 0 or a zero splat.
bool isZeroInit(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>())
    init = fill.getInputs()[0];
  std::optional<double> c = constantValue(init);
  return c && *c == 0;
}

struct Contraction {
  linalg::LinalgOp op;
  linalg::ContractionDimensions dims;
};

/// `op` as a contraction with one M, N and K loop and at most two batch loops.
std::optional<Contraction> asContraction(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  if (!linalgOp || !linalgOp.hasPureTensorSemantics() ||
      linalgOp.getNumDpsInputs() != 2 || linalgOp.getNumDpsInits() != 1 ||
      !linalg::isaContractionOpInterface(linalgOp))
    return std::nullopt;
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(linalgOp);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1 || dims->batch.size() > 2)
    return std::nullopt;
  return Contraction{linalgOp, *dims};
}

/// Whether `e` reaches a contraction's result through element-wise ops.
bool reachesContraction(ExprGraph &g, Expr *e, int depth = 12) {
  if (depth == 0)
    return false;
  if (e->kind == Expr::Kind::Leaf) {
    if (asContraction(e->value.getDefiningOp()))
      return true;
    Expr *x = g.expand(e);
    return x && reachesContraction(g, x, depth - 1);
  }
  return llvm::any_of(e->operands, [&](Expr *o) {
    return reachesContraction(g, o, depth - 1);
  });
}

/// `e` as a constant scalar (through fills and splats), if it is one.
std::optional<double> asConstant(ExprGraph &g, Expr *e) {
  e = g.look(e);
  if (e->kind == Expr::Kind::Const)
    return e->constant;
  return std::nullopt;
}

/// Whether `e` is the same value at every frame point (a scalar or a
/// tensor read without any frame dim).
bool isScalarLike(ExprGraph &g, Expr *e) {
  e = g.look(e);
  if (e->kind == Expr::Kind::Const || e->kind == Expr::Kind::Opaque)
    return true;
  return e->kind == Expr::Kind::Leaf &&
         g.dimsUsed(e, e->map.getNumDims()).none();
}

/// A number as %g writes it (formatv's default keeps two decimals).
std::string fmt(double x) {
  char buf[32];
  snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

std::string describe(Operation *op) {
  return op->getName().getStringRef().str();
}

class Matcher {
public:
  Matcher(ExprGraph &g, const RaiseOptions &options, std::string &why)
      : g(g), options(options), why(why) {}

  FailureOr<SdpaChain> match(linalg::LinalgOp pvOp);

private:
  LogicalResult miss(const Twine &reason) {
    why = reason.str();
    return failure();
  }
  LogicalResult matchSoftmax(Expr *probs, unsigned keyDim, Expr *&scores);
  LogicalResult peelScores(Expr *scores, Expr *&core);
  LogicalResult matchQK(Expr *core, ArrayRef<int> probRoles);
  LogicalResult findCausal(ArrayRef<int64_t> sizes);

  ExprGraph &g;
  const RaiseOptions &options;
  std::string &why;
  SdpaChain chain;
  SmallVector<std::string> notes;
};

LogicalResult Matcher::matchSoftmax(Expr *probs, unsigned keyDim,
                                    Expr *&scores) {
  // linalg.softmax, as written or as named in linalg-on-tensors graphs.
  if (auto softmax = probs->value.getDefiningOp<linalg::SoftmaxOp>()) {
    chain.ops.push_back(softmax);
    if (softmax.getDimension() != keyDim)
      return miss(llvm::formatv("softmax reduces dimension {0}, scores are "
                                "contracted over dimension {1}",
                                softmax.getDimension(), keyDim)
                      .str());
    scores = g.leaf(softmax.getInput(), probs->map);
    notes.push_back("linalg.softmax");
    return success();
  }
  // exp(X − max) / sum, or exp(X − max) · (1 / sum).
  Expr *p = g.look(probs, &chain.ops);
  Expr *num = nullptr, *den = nullptr;
  if (p->isOp<arith::DivFOp>()) {
    num = p->operands[0];
    den = p->operands[1];
  } else if (p->isOp<arith::MulFOp>()) {
    for (int i = 0; i < 2 && !den; ++i) {
      Expr *r = g.look(p->operands[i], &chain.ops);
      if (r->isOp<arith::DivFOp>() && r->operands[0]->isConst(1)) {
        den = r->operands[1];
        num = p->operands[1 - i];
      }
    }
  }
  if (!num || !den)
    return failure();
  std::optional<Reduction> sum = g.reduction(g.look(den, &chain.ops), keyDim);
  if (!sum || sum->kind != Reduction::Kind::Sum || sum->init != 0.0)
    return failure();
  Expr *e = g.look(num, &chain.ops);
  if (!e->isOp<math::ExpOp>() || !g.equal(sum->input, num))
    return failure();
  chain.ops.push_back(sum->op);
  if (sum->axis != keyDim)
    return miss(llvm::formatv("softmax reduces dimension {0}, scores are "
                              "contracted over dimension {1}",
                              sum->axis, keyDim)
                    .str());
  Expr *arg = g.look(e->operands[0], &chain.ops);
  scores = e->operands[0];
  notes.push_back("exp/sum softmax");
  if (arg->isOp<arith::SubFOp>()) {
    std::optional<Reduction> max =
        g.reduction(g.look(arg->operands[1], &chain.ops), keyDim);
    if (max && max->kind == Reduction::Kind::Max && max->axis == keyDim &&
        g.equal(max->input, arg->operands[0])) {
      chain.ops.push_back(max->op);
      scores = arg->operands[0];
      notes.back() = "max/sub/exp/sum softmax";
    }
  }
  return success();
}

LogicalResult Matcher::peelScores(Expr *x, Expr *&core) {
  double factor = 1;
  for (int step = 0; step < 32; ++step) {
    x = g.look(x, &chain.ops);
    if (x->kind == Expr::Kind::Leaf) {
      core = x;
      chain.scale = factor;
      return success();
    }
    if (x->kind != Expr::Kind::Op)
      return miss("the scores are not computed by a matmul");
    Operation *op = x->op;
    if (isa<arith::MulFOp, arith::DivFOp>(op)) {
      bool div = isa<arith::DivFOp>(op);
      // The side that is not the scores must be a scalar constant.
      int scoreSide = -1;
      for (int i = div ? 0 : 1; i >= 0; --i)
        if (reachesContraction(g, x->operands[i]) &&
            isScalarLike(g, x->operands[1 - i]))
          scoreSide = i;
      if (scoreSide < 0)
        return miss(llvm::formatv("the scores are {0} by a tensor",
                                  div ? "divided" : "multiplied")
                        .str());
      std::optional<double> c = asConstant(g, x->operands[1 - scoreSide]);
      if (!c)
        return miss(llvm::formatv("the scale ({0} of the scores) is not a "
                                  "constant",
                                  div ? "divisor" : "factor")
                        .str());
      if (div && *c == 0)
        return miss("the scores are divided by zero");
      factor *= div ? 1 / *c : *c;
      notes.push_back((div ? "divided by " : "scaled by ") + fmt(*c));
      x = x->operands[scoreSide];
      continue;
    }
    if (isa<arith::AddFOp>(op)) {
      bool left = reachesContraction(g, x->operands[0]);
      bool right = reachesContraction(g, x->operands[1]);
      if (left == right)
        return miss("an addition to the scores could not be told from its "
                    "mask");
      MaskTerm term;
      term.bias = x->operands[left ? 1 : 0];
      term.factor = factor;
      chain.terms.push_back(term);
      notes.push_back("additive mask");
      x = x->operands[left ? 0 : 1];
      continue;
    }
    if (isa<arith::SelectOp>(op)) {
      bool onTrue = reachesContraction(g, x->operands[1]);
      bool onFalse = reachesContraction(g, x->operands[2]);
      if (onTrue == onFalse)
        return miss("a select on the scores could not be told from its "
                    "fill");
      std::optional<double> fill = asConstant(g, x->operands[onTrue ? 2 : 1]);
      if (!fill)
        return miss("a masked fill of the scores is not a constant");
      if (factor <= 0)
        return miss("a masked fill is scaled by a non-positive factor");
      MaskTerm term;
      term.cond = x->operands[0];
      term.keepWhenTrue = onTrue;
      term.fill = *fill * factor;
      chain.terms.push_back(term);
      notes.push_back("masked fill " + fmt(*fill));
      x = x->operands[onTrue ? 1 : 2];
      continue;
    }
    return miss("the scores go through " + describe(op) +
                ", which raising does not read");
  }
  return miss("the scores go through too many ops");
}

LogicalResult Matcher::matchQK(Expr *core, ArrayRef<int> probRoles) {
  std::optional<Contraction> qk = asContraction(core->value.getDefiningOp());
  if (!qk)
    return miss("the scores are not computed by a matmul");
  linalg::LinalgOp op = qk->op;
  if (qk->dims.batch.size() != chain.numBatch)
    return miss("Q·Kᵀ and P·V have different batch dims");
  if (!isZeroInit(op.getDpsInitOperand(0)->get()))
    return miss("Q·Kᵀ accumulates into a tensor that is not zero");
  // Roles of Q·Kᵀ's loops: from the probabilities' dims that read its result
  // where they can be told, else M = query, N = key, batch dims in order.
  SmallVector<int> roles(op.getNumLoops(), -1);
  for (auto [i, b] : llvm::enumerate(qk->dims.batch))
    roles[b] = i;
  roles[qk->dims.m[0]] = kQuery;
  roles[qk->dims.n[0]] = kKey;
  roles[qk->dims.k[0]] = kHeadDim;
  AffineMap out = op.getMatchingIndexingMap(op.getDpsInitOperand(0));
  for (auto [t, x] : llvm::enumerate(out.getResults())) {
    auto loop = dyn_cast<AffineDimExpr>(x);
    auto frame = dyn_cast<AffineDimExpr>(core->map.getResult(t));
    if (!loop || !frame)
      continue;
    int want = probRoles[frame.getPosition()];
    int have = roles[loop.getPosition()];
    if (want == have)
      continue;
    if (want < 2 && have < 2) {
      roles[loop.getPosition()] = want; // batch dims in another order
      continue;
    }
    return miss("the scores' query and key dims are not those of P·V");
  }
  chain.qk = op;
  chain.qkRoles = roles;
  chain.ops.push_back(op);
  for (OpOperand *in : op.getDpsInputOperands()) {
    AffineMap map = op.getMatchingIndexingMap(in);
    bool readsQuery = llvm::any_of(map.getResults(), [&](AffineExpr x) {
      auto d = dyn_cast<AffineDimExpr>(x);
      return d && roles[d.getPosition()] == kQuery;
    });
    (readsQuery ? chain.q : chain.k) = in->get();
    (readsQuery ? chain.qMap : chain.kMap) = map;
  }
  if (!chain.q || !chain.k)
    return miss("Q·Kᵀ's operands are not Q and K");
  return success();
}

/// A fill term whose condition is a causal triangle (a function of the query
/// and key indices only, equal to `j ≤ i + offset` for every i, j) becomes
/// `causal`.
LogicalResult Matcher::findCausal(ArrayRef<int64_t> sizes) {
  if (!options.causal)
    return success();
  int64_t sq = sizes[2], skv = sizes[3];
  if (ShapedType::isDynamic(sq) || ShapedType::isDynamic(skv) ||
      sq * skv > (int64_t(1) << 22))
    return success();
  for (auto *it = chain.terms.begin(); it != chain.terms.end(); ++it) {
    if (!it->cond || chain.causal)
      continue;
    llvm::SmallBitVector used = g.dimsUsed(it->cond, 4);
    if (used.test(0) || used.test(1))
      continue;
    // Row i sees a prefix of the keys whose length is clamp(i + offset + 1).
    std::optional<int64_t> offset;
    bool isCausal = true, emptyRow = false;
    for (int64_t i = 0; i < sq && isCausal; ++i) {
      int64_t seen = 0;
      bool prefix = true;
      for (int64_t j = 0; j < skv; ++j) {
        std::optional<double> c = g.evaluate(it->cond, {0, 0, i, j});
        if (!c) {
          isCausal = false;
          break;
        }
        bool keep = (*c != 0) == it->keepWhenTrue;
        if (keep && !prefix)
          isCausal = false;
        if (keep)
          ++seen;
        else
          prefix = false;
      }
      if (!isCausal)
        break;
      emptyRow |= seen == 0;
      if (seen > 0 && seen < skv) {
        if (!offset)
          offset = seen - 1 - i;
        else if (*offset != seen - 1 - i)
          isCausal = false;
      }
    }
    if (!isCausal)
      continue;
    if (!offset) // every row sees all keys, or none
      continue;
    // Check the rows that see everything or nothing against the offset.
    for (int64_t i = 0; i < sq && isCausal; ++i) {
      int64_t want = std::clamp<int64_t>(i + *offset + 1, 0, skv);
      std::optional<double> first = g.evaluate(it->cond, {0, 0, i, 0});
      bool keepFirst = first && (*first != 0) == it->keepWhenTrue;
      if ((want == 0) == keepFirst)
        isCausal = false;
    }
    if (!isCausal)
      continue;
    if (emptyRow && std::isfinite(it->fill))
      return miss("the causal fill " + fmt(it->fill) +
                  " masks whole rows, which attn.sdpa would set to zero");
    chain.causal = true;
    chain.causalOffset = *offset;
    notes.push_back(llvm::formatv("causal, offset {0}", *offset).str());
    chain.terms.erase(it);
    break;
  }
  return success();
}

FailureOr<SdpaChain> Matcher::match(linalg::LinalgOp pvOp) {
  std::optional<Contraction> pv = asContraction(pvOp);
  if (!pv)
    return failure();
  chain.pv = pvOp;
  chain.numBatch = pv->dims.batch.size();
  SmallVector<int> roles(pvOp.getNumLoops(), -1);
  for (auto [i, b] : llvm::enumerate(pv->dims.batch))
    roles[b] = i;
  roles[pv->dims.m[0]] = kQuery;
  roles[pv->dims.n[0]] = kValueDim;
  roles[pv->dims.k[0]] = kKey;
  chain.pvRoles = roles;

  // P is the operand that reads the query loop.
  OpOperand *probsOperand = nullptr, *vOperand = nullptr;
  for (OpOperand *in : pvOp.getDpsInputOperands()) {
    AffineMap map = pvOp.getMatchingIndexingMap(in);
    bool readsQuery = llvm::any_of(map.getResults(), [&](AffineExpr x) {
      auto d = dyn_cast<AffineDimExpr>(x);
      return d && roles[d.getPosition()] == kQuery;
    });
    (readsQuery ? probsOperand : vOperand) = in;
  }
  if (!probsOperand || !vOperand)
    return failure();
  AffineMap probsMap = pvOp.getMatchingIndexingMap(probsOperand);
  Value probs = probsOperand->get();
  unsigned rank = cast<ShapedType>(probs.getType()).getRank();
  SmallVector<int> probRoles;
  for (AffineExpr x : probsMap.getResults()) {
    auto d = dyn_cast<AffineDimExpr>(x);
    if (!d)
      return failure();
    probRoles.push_back(roles[d.getPosition()]);
  }
  unsigned keyDim = llvm::find(probRoles, kKey) - probRoles.begin();

  Expr *scores = nullptr;
  Expr *probsExpr = g.leaf(
      probs, AffineMap::getMultiDimIdentityMap(rank, probs.getContext()));
  if (failed(matchSoftmax(probsExpr, keyDim, scores)))
    return failure(); // a miss if `why` says so; else not attention at all
  // From here on the chain looks like attention: every failure is a miss.
  chain.v = vOperand->get();
  chain.vMap = pvOp.getMatchingIndexingMap(vOperand);
  if (!isZeroInit(pvOp.getDpsInitOperand(0)->get()))
    return miss("P·V accumulates into a tensor that is not zero");

  Expr *core = nullptr;
  if (failed(peelScores(scores, core)) || failed(matchQK(core, probRoles)))
    return failure();

  // Element types: one of attn.sdpa's for Q, K, V and the result.
  Type elem = getElementTypeOrSelf(chain.q.getType());
  if (!isa<Float32Type, Float16Type, BFloat16Type>(elem) ||
      getElementTypeOrSelf(chain.k.getType()) != elem ||
      getElementTypeOrSelf(chain.v.getType()) != elem ||
      getElementTypeOrSelf(pvOp->getResult(0).getType()) != elem)
    return miss("Q, K, V and the result do not share one f32, f16 or bf16 "
                "element type");
  // Every operand reads each of its loops once (no broadcast batch dim).
  for (auto [value, map] :
       {std::pair{chain.q, chain.qMap}, std::pair{chain.k, chain.kMap},
        std::pair{chain.v, chain.vMap}})
    if (!map.isProjectedPermutation(/*allowZeroInResults=*/false) ||
        map.getNumResults() != chain.numBatch + 2)
      return miss("Q, K or V is broadcast over a batch dim");

  // The mask terms in attn.sdpa's (b, h, i, j) frame.
  SmallVector<AffineExpr> toProbs;
  MLIRContext *ctx = pvOp->getContext();
  for (int role : probRoles)
    toProbs.push_back(getAffineDimExpr(role == kQuery        ? 2
                                       : role == kKey        ? 3
                                       : chain.numBatch == 2 ? role
                                                             : 1,
                                       ctx));
  AffineMap roleToProbs = AffineMap::get(4, 0, toProbs, ctx);
  for (MaskTerm &t : chain.terms) {
    if (t.bias)
      t.bias = g.reframe(t.bias, roleToProbs);
    if (t.cond)
      t.cond = g.reframe(t.cond, roleToProbs);
  }
  auto qType = cast<ShapedType>(chain.q.getType());
  auto kType = cast<ShapedType>(chain.k.getType());
  auto sizeOf = [&](ShapedType t, AffineMap map, SmallVector<int> &loopRoles,
                    int role) -> int64_t {
    for (auto [p, x] : llvm::enumerate(map.getResults()))
      if (loopRoles[cast<AffineDimExpr>(x).getPosition()] == role)
        return t.getDimSize(p);
    return 1;
  };
  SmallVector<int64_t> sizes = {
      chain.numBatch == 2 ? sizeOf(qType, chain.qMap, chain.qkRoles, 0) : 1,
      chain.numBatch >= 1
          ? sizeOf(qType, chain.qMap, chain.qkRoles, chain.numBatch - 1)
          : 1,
      sizeOf(qType, chain.qMap, chain.qkRoles, kQuery),
      sizeOf(kType, chain.kMap, chain.qkRoles, kKey)};
  if (failed(findCausal(sizes)))
    return failure();

  // Only the chain may use S, X and P: another user would need them still.
  llvm::SmallPtrSet<Operation *, 16> inChain(chain.ops.begin(),
                                             chain.ops.end());
  inChain.insert(pvOp);
  for (Operation *op : chain.ops)
    for (Operation *user : op->getUsers())
      if (!inChain.contains(user))
        return miss("the scores or probabilities (" + describe(op) +
                    ") have another user (" + describe(user) + ")");
  chain.description = llvm::join(notes, ", ");
  llvm::SetVector<Operation *> unique(chain.ops.begin(), chain.ops.end());
  chain.ops = unique.takeVector();
  return chain;
}

//===----------------------------------------------------------------------===//
// Rewrite
//===----------------------------------------------------------------------===//

/// `value` (read through `map` from loops with `roles`) transposed to the
/// order of `order` and reshaped to rank 4 (B, H, rows, cols).
Value toSdpaLayout(OpBuilder &b, Location loc, Value value, AffineMap map,
                   ArrayRef<int> roles, ArrayRef<int> order) {
  // Through a transpose (Kᵀ written as one): read its input instead.
  if (auto t = value.getDefiningOp<linalg::TransposeOp>()) {
    SmallVector<AffineExpr> results(map.getNumResults());
    for (auto [i, p] : llvm::enumerate(t.getPermutation()))
      results[p] = map.getResult(i);
    map = AffineMap::get(map.getNumDims(), 0, results, map.getContext());
    value = t.getInput();
  }
  SmallVector<int64_t> perm;
  for (int want : order)
    for (auto [p, x] : llvm::enumerate(map.getResults()))
      if (roles[cast<AffineDimExpr>(x).getPosition()] == want)
        perm.push_back(p);
  auto type = cast<RankedTensorType>(value.getType());
  if (!llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()))) {
    SmallVector<OpFoldResult> sizes = tensor::getMixedSizes(b, loc, value);
    SmallVector<OpFoldResult> permuted;
    for (int64_t p : perm)
      permuted.push_back(sizes[p]);
    Value init = emptyTensor(b, loc, permuted, type.getElementType());
    value =
        linalg::TransposeOp::create(b, loc, value, init, perm)->getResult(0);
    type = cast<RankedTensorType>(value.getType());
  }
  int64_t missing = 4 - type.getRank();
  if (missing == 0)
    return value;
  // Leading unit dims: B (and H) of 1.
  SmallVector<ReassociationIndices> groups;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    ReassociationIndices group;
    if (d == 0)
      for (int64_t u = 0; u < missing; ++u)
        group.push_back(u);
    group.push_back(d + missing);
    groups.push_back(group);
  }
  SmallVector<int64_t> shape(missing, 1);
  llvm::append_range(shape, type.getShape());
  SmallVector<OpFoldResult> outSizes(missing, b.getIndexAttr(1));
  llvm::append_range(outSizes, tensor::getMixedSizes(b, loc, value));
  return tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(shape, type.getElementType()), value,
      groups, outSizes);
}

/// The scalar value of `e` inside a linalg.generic body whose leaves are the
/// block arguments `leafArgs` (in the order of `leaves`).
Value emitScalar(OpBuilder &b, Location loc, Expr *e,
                 DenseMap<Expr *, Value> &leafArgs) {
  switch (e->kind) {
  case Expr::Kind::Leaf:
    return leafArgs.lookup(e);
  case Expr::Kind::Const:
    if (isa<FloatType>(e->type))
      return arith::ConstantOp::create(b, loc,
                                       b.getFloatAttr(e->type, e->constant));
    if (isa<IndexType>(e->type))
      return arith::ConstantIndexOp::create(b, loc, int64_t(e->constant));
    return arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(e->type, int64_t(e->constant)));
  case Expr::Kind::Index:
    if (auto d = dyn_cast<AffineDimExpr>(e->index))
      return linalg::IndexOp::create(b, loc, d.getPosition());
    return arith::ConstantIndexOp::create(
        b, loc, cast<AffineConstantExpr>(e->index).getValue());
  case Expr::Kind::Opaque:
    return e->value;
  case Expr::Kind::Op: {
    IRMapping mapping;
    for (auto [operand, sub] : llvm::zip(e->op->getOperands(), e->operands))
      mapping.map(operand, emitScalar(b, loc, sub, leafArgs));
    return b.clone(*e->op, mapping)->getResult(0);
  }
  }
  return {};
}

void collectLeaves(Expr *e, SmallVectorImpl<Expr *> &leaves) {
  if (e->kind == Expr::Kind::Leaf)
    leaves.push_back(e);
  for (Expr *o : e->operands)
    collectLeaves(o, leaves);
}

/// A leaf usable as attn.sdpa's mask without computing anything: its dims
/// read (b, h, i, j) in order, each by its own index or, when of size 1, at
/// 0. Right-aligned it is used as it is (attn.sdpa broadcasts it), else
/// (static shapes) reshaped to rank 4 with unit dims.
Value directMask(OpBuilder &b, Location loc, Expr *e, Type elem) {
  if (e->kind != Expr::Kind::Leaf)
    return {};
  auto type = cast<RankedTensorType>(e->value.getType());
  Type t = type.getElementType();
  if (t != elem && !t.isF32() && !t.isInteger(1))
    return {};
  int64_t rank = type.getRank();
  if (rank > 4)
    return {};
  bool rightAligned = true;
  int64_t last = -1;
  SmallVector<int64_t> shape(4, 1);
  for (auto [p, x] : llvm::enumerate(e->map.getResults())) {
    auto d = dyn_cast<AffineDimExpr>(x);
    if (!d) {
      if (type.getDimSize(p) != 1)
        return {};
      continue;
    }
    if (int64_t(d.getPosition()) <= last)
      return {};
    last = d.getPosition();
    shape[last] = type.getDimSize(p);
    rightAligned &= last == int64_t(4 - rank + p);
  }
  if (rightAligned)
    return e->value;
  if (!type.hasStaticShape())
    return {};
  auto target = RankedTensorType::get(shape, t);
  std::optional<SmallVector<ReassociationIndices>> groups =
      getReassociationIndicesForReshape(type, target);
  if (!groups)
    return {};
  return tensor::ExpandShapeOp::create(b, loc, target, e->value, *groups);
}

/// attn.sdpa's mask from the chain's terms: one leaf used as it is when it
/// can be, else a linalg.generic summing the terms (in Q's element type) over
/// the dims of (b, h, i, j) they read, the others of size 1.
Value buildMask(OpBuilder &b, Location loc, SdpaChain &chain, ExprGraph &g,
                Value q4, Value k4) {
  if (chain.terms.empty())
    return {};
  Type elem = getElementTypeOrSelf(q4.getType());
  if (chain.terms.size() == 1) {
    MaskTerm &t = chain.terms.front();
    if (t.bias && t.factor == 1)
      if (Value m = directMask(b, loc, g.look(t.bias), elem))
        if (!getElementTypeOrSelf(m.getType()).isInteger(1))
          return m;
    if (t.cond && t.keepWhenTrue && std::isinf(t.fill) && t.fill < 0)
      if (Value m = directMask(b, loc, t.cond, elem))
        if (getElementTypeOrSelf(m.getType()).isInteger(1))
          return m;
  }
  llvm::SmallBitVector used(sdpa_dim::kRank);
  SmallVector<Expr *> leaves;
  for (MaskTerm &t : chain.terms) {
    Expr *e = t.bias ? t.bias : t.cond;
    used |= g.dimsUsed(e, sdpa_dim::kRank);
    collectLeaves(e, leaves);
  }
  // The scores' sizes B×Hq×Sq×Skv.
  SmallVector<OpFoldResult> sizes = {
      tensor::getMixedSize(b, loc, q4, sdpa_dim::kBatch),
      tensor::getMixedSize(b, loc, q4, sdpa_dim::kHeads),
      tensor::getMixedSize(b, loc, q4, sdpa_dim::kSeq),
      tensor::getMixedSize(b, loc, k4, sdpa_dim::kSeq)};
  for (int d = 0; d < int(sdpa_dim::kRank); ++d)
    if (!used.test(d))
      sizes[d] = b.getIndexAttr(1);
  Value init = emptyTensor(b, loc, sizes, elem);
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (Expr *leaf : leaves) {
    inputs.push_back(leaf->value);
    // Dims of size 1 in the mask are read at 0.
    SmallVector<AffineExpr> results;
    for (AffineExpr x : leaf->map.getResults())
      results.push_back(x.replaceDims(llvm::map_to_vector(
          llvm::seq<unsigned>(0, 4), [&](unsigned d) -> AffineExpr {
            return used.test(d) ? getAffineDimExpr(d, b.getContext())
                                : getAffineConstantExpr(0, b.getContext());
          })));
    maps.push_back(AffineMap::get(4, 0, results, b.getContext()));
  }
  return buildElementwise(
      b, loc, inputs, maps, init,
      [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
        DenseMap<Expr *, Value> leafArgs;
        for (auto [leaf, arg] : llvm::zip(leaves, args))
          leafArgs[leaf] = arg;
        Value total;
        for (MaskTerm &t : chain.terms) {
          Value v;
          if (t.bias) {
            v = emitScalar(nb, l, t.bias, leafArgs);
            if (v.getType() != elem)
              v = isa<FloatType>(v.getType()) &&
                          v.getType().getIntOrFloatBitWidth() <
                              elem.getIntOrFloatBitWidth()
                      ? arith::ExtFOp::create(nb, l, elem, v).getResult()
                      : arith::TruncFOp::create(nb, l, elem, v).getResult();
            if (t.factor != 1)
              v = arith::MulFOp::create(
                  nb, l, v,
                  arith::ConstantOp::create(nb, l,
                                            nb.getFloatAttr(elem, t.factor)));
          } else {
            Value cond = emitScalar(nb, l, t.cond, leafArgs);
            Value zero =
                arith::ConstantOp::create(nb, l, nb.getFloatAttr(elem, 0.0));
            Value fill =
                arith::ConstantOp::create(nb, l, nb.getFloatAttr(elem, t.fill));
            v = t.keepWhenTrue
                    ? arith::SelectOp::create(nb, l, cond, zero, fill)
                    : arith::SelectOp::create(nb, l, cond, fill, zero);
          }
          total =
              total ? arith::AddFOp::create(nb, l, total, v).getResult() : v;
        }
        return total;
      });
}

} // namespace

FailureOr<SdpaChain>
mlir::attn::raise::matchSdpaChain(linalg::LinalgOp pv, ExprGraph &graph,
                                  const RaiseOptions &options,
                                  std::string &why) {
  why.clear();
  Matcher matcher(graph, options, why);
  return matcher.match(pv);
}

SdpaOp mlir::attn::raise::rewriteSdpaChain(RewriterBase &rewriter,
                                           SdpaChain &chain, ExprGraph &graph) {
  Location loc = chain.pv->getLoc();
  rewriter.setInsertionPoint(chain.pv);
  unsigned nb = chain.numBatch;
  SmallVector<int> batch = llvm::to_vector(llvm::seq<int>(0, nb));
  auto order = [&](int row, int col) {
    SmallVector<int> o = batch;
    o.push_back(row);
    o.push_back(col);
    return o;
  };
  Value q = toSdpaLayout(rewriter, loc, chain.q, chain.qMap, chain.qkRoles,
                         order(kQuery, kHeadDim));
  Value k = toSdpaLayout(rewriter, loc, chain.k, chain.kMap, chain.qkRoles,
                         order(kKey, kHeadDim));
  Value v = toSdpaLayout(rewriter, loc, chain.v, chain.vMap, chain.pvRoles,
                         order(kKey, kValueDim));
  Value mask = buildMask(rewriter, loc, chain, graph, q, k);
  auto qType = cast<RankedTensorType>(q.getType());
  auto vType = cast<RankedTensorType>(v.getType());
  auto outType = RankedTensorType::get(
      {qType.getDimSize(sdpa_dim::kBatch), qType.getDimSize(sdpa_dim::kHeads),
       qType.getDimSize(sdpa_dim::kSeq), vType.getDimSize(sdpa_dim::kFeature)},
      vType.getElementType());
  SdpaOp sdpa = SdpaOp::create(
      rewriter, loc, outType, q, k, v, mask,
      rewriter.getF32FloatAttr(chain.scale),
      chain.causal ? rewriter.getUnitAttr() : nullptr,
      chain.causal ? rewriter.getI64IntegerAttr(chain.causalOffset) : nullptr);
  Value o = sdpa.getResult();

  // Back to P·V's result: drop the unit batch dims, then transpose.
  if (nb < 2) {
    SmallVector<ReassociationIndices> groups;
    groups.push_back(llvm::to_vector(llvm::seq<int64_t>(0, 3 - nb)));
    for (int64_t d = 3 - nb; d < 4; ++d)
      groups.push_back({d});
    o = tensor::CollapseShapeOp::create(rewriter, loc, o, groups);
  }
  linalg::LinalgOp pv = chain.pv;
  AffineMap outMap = pv.getMatchingIndexingMap(pv.getDpsInitOperand(0));
  SmallVector<int64_t> perm;
  for (AffineExpr x : outMap.getResults()) {
    int role = chain.pvRoles[cast<AffineDimExpr>(x).getPosition()];
    perm.push_back(role == kQuery ? nb : role == kValueDim ? nb + 1 : role);
  }
  if (!llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()))) {
    Value init = pv.getDpsInitOperand(0)->get();
    init =
        emptyTensor(rewriter, loc, tensor::getMixedSizes(rewriter, loc, init),
                    getElementTypeOrSelf(init.getType()));
    o = linalg::TransposeOp::create(rewriter, loc, o, init, perm)->getResult(0);
  }
  rewriter.replaceOp(pv, o);
  // The chain's ops, users first.
  bool erased = true;
  while (erased) {
    erased = false;
    for (Operation *&op : chain.ops)
      if (op && op->use_empty()) {
        rewriter.eraseOp(op);
        op = nullptr;
        erased = true;
      }
  }
  return sdpa;
}
