//===- RaiseMha.cpp - multi-head blocks around attn.sdpa → attn.mha -------===//
//
// The forms read are those torch-mlir writes for nn.Linear + view + split +
// transpose (and attn-decompose-layers' own): a linear is a zero-filled
// linalg.batch_matmul against a weight broadcast over the batch, or a
// linalg.matmul on the input's rows, then an optional element-wise bias
// add; heads are split by expand_shape (a fused QKV linear: expand to
// B×S×3×H×D, slice, collapse; or slice the columns, then expand) and a
// transpose (0, 2, 1, 3); K/V heads repeated for GQA by a broadcast after
// the head dim and a collapse (repeat_interleave), which attn.mha's head
// grouping reads without copying.
//
//===----------------------------------------------------------------------===//

#include "RaiseMha.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {

/// What produced `v`, for reasons: an op's name or "a block argument".
std::string producerName(Value v) {
  if (Operation *op = v.getDefiningOp())
    return op->getName().getStringRef().str();
  return "a block argument";
}

bool hasGroups(ArrayRef<ReassociationIndices> got,
               ArrayRef<ReassociationIndices> want) {
  return llvm::equal(got, want);
}

/// A static tensor type, or null.
RankedTensorType staticType(Value v) {
  auto type = dyn_cast<RankedTensorType>(v.getType());
  return type && type.hasStaticShape() ? type : nullptr;
}

bool isZeroFill(Value init) {
  auto fill = init.getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// `g` is `acc + bias` with bias (1-D) broadcast along the last dim.
bool isBiasAdd(linalg::GenericOp g, Value &acc, Value &bias) {
  if (g.getNumDpsInputs() != 2 || g.getNumDpsInits() != 1 ||
      g.getNumParallelLoops() != g.getNumLoops())
    return false;
  unsigned rank = g.getNumLoops();
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, g.getContext());
  AffineMap last = id.getMinorSubMap(1);
  int accIndex;
  if (maps[0] == id && maps[1] == last)
    accIndex = 0;
  else if (maps[1] == id && maps[0] == last)
    accIndex = 1;
  else
    return false;
  if (maps[2] != id)
    return false;
  Block &body = g.getRegion().front();
  if (body.getOperations().size() != 2)
    return false;
  auto add = dyn_cast<arith::AddFOp>(body.front());
  auto yield = dyn_cast<linalg::YieldOp>(body.back());
  if (!add || !yield || yield.getValues().size() != 1 ||
      yield.getValues()[0] != add.getResult())
    return false;
  Value a0 = body.getArgument(0), a1 = body.getArgument(1);
  if (!((add.getLhs() == a0 && add.getRhs() == a1) ||
        (add.getLhs() == a1 && add.getRhs() == a0)))
    return false;
  acc = g.getDpsInputs()[accIndex];
  bias = g.getDpsInputs()[1 - accIndex];
  return true;
}

/// `g` broadcasts its input (B×Hkv×S×D) along a new dim 2 (B×Hkv×G×S×D).
bool isRepeatBroadcast(Operation *op, Value &source) {
  if (auto b = dyn_cast<linalg::BroadcastOp>(op)) {
    if (!llvm::equal(b.getDimensions(), ArrayRef<int64_t>{2}))
      return false;
    source = b.getInput();
    return true;
  }
  auto g = dyn_cast<linalg::GenericOp>(op);
  if (!g || g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 ||
      g.getNumLoops() != 5 || g.getNumParallelLoops() != 5)
    return false;
  MLIRContext *ctx = g.getContext();
  AffineMap id = AffineMap::getMultiDimIdentityMap(5, ctx);
  AffineMap in =
      AffineMap::get(5, 0,
                     {getAffineDimExpr(0, ctx), getAffineDimExpr(1, ctx),
                      getAffineDimExpr(3, ctx), getAffineDimExpr(4, ctx)},
                     ctx);
  SmallVector<AffineMap> maps = g.getIndexingMapsArray();
  Block &body = g.getRegion().front();
  auto yield = dyn_cast<linalg::YieldOp>(body.front());
  if (maps[0] != in || maps[1] != id || !yield ||
      yield.getValues().size() != 1 ||
      yield.getValues()[0] != body.getArgument(0))
    return false;
  source = g.getDpsInputs()[0];
  return true;
}

/// Reads the block backwards from the sdpa's operands and forwards from its
/// result, collecting the ops it passes.
class MhaMatcher {
public:
  MhaMatcher(MhaBlock &block, std::string &why) : block(block), why(why) {}

  LogicalResult match();

private:
  LogicalResult fail(const Twine &reason) {
    why = reason.str();
    return failure();
  }
  void add(Operation *op, StringRef role) {
    if (block.ops.insert(op))
      roles[op] = role.str();
  }
  /// A zero fill, a weight's broadcast or the input's rows: erased with
  /// the block when unused, kept for another user (sharing one costs the
  /// block nothing).
  void addShared(Operation *op, StringRef role) {
    add(op, role);
    shared.insert(op);
  }
  LogicalResult matchLinear(Value y, ProjectionSlice &p, StringRef role,
                            bool inputIsHeads);
  LogicalResult matchHeadSplit(Value heads, ProjectionSlice &p,
                               int64_t &numHeads, int64_t &dim, StringRef role);
  LogicalResult matchOutput();
  LogicalResult checkVisible(Value v, StringRef what);
  LogicalResult checkUsers();

  MhaBlock &block;
  std::string &why;
  llvm::DenseMap<Operation *, std::string> roles;
  llvm::SmallPtrSet<Operation *, 8> shared;
};

/// A weight or bias must be visible: a function argument or a constant
/// (possibly transposed or cast), so later passes can read or fold it.
LogicalResult MhaMatcher::checkVisible(Value v, StringRef what) {
  while (true) {
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      Block *owner = arg.getOwner();
      if (owner->isEntryBlock() &&
          isa<FunctionOpInterface>(owner->getParentOp()))
        return success();
      return fail(Twine("the ") + what +
                  " is not visible (a block argument of " +
                  owner->getParentOp()->getName().getStringRef() + ")");
    }
    Operation *op = v.getDefiningOp();
    if (isa<arith::ConstantOp, WeightRefOp>(op))
      return success();
    if (auto t = dyn_cast<linalg::TransposeOp>(op)) {
      v = t.getInput();
      continue;
    }
    if (auto c = dyn_cast<tensor::CastOp>(op)) {
      v = c.getSource();
      continue;
    }
    return fail(Twine("the ") + what + " is not visible (computed by " +
                op->getName().getStringRef() +
                ", not a function argument or a constant)");
  }
}

/// `y` = x·W (+ b): fills the weight, bias and input of `p` (all columns).
/// With `inputIsHeads` (the output projection) the input is the merged
/// heads, kept as the linear reads it; otherwise the B×S×K input before any
/// flattening into rows.
LogicalResult MhaMatcher::matchLinear(Value y, ProjectionSlice &p,
                                      StringRef role, bool inputIsHeads) {
  Value acc = y;
  if (auto g = y.getDefiningOp<linalg::GenericOp>()) {
    Value bias;
    if (!isBiasAdd(g, acc, bias))
      return fail(Twine("the ") + role +
                  " is not a linear x·W + b (its result comes from a "
                  "linalg.generic that is not a bias add)");
    add(g, role);
    p.bias = bias;
  }
  Value input, weight, init;
  Operation *mm = acc.getDefiningOp();
  if (auto bmm = dyn_cast_or_null<linalg::BatchMatmulOp>(mm);
      bmm && !bmm.hasUserDefinedMaps()) {
    input = bmm.getDpsInputs()[0];
    auto bcast = bmm.getDpsInputs()[1].getDefiningOp<linalg::BroadcastOp>();
    if (!bcast || !llvm::equal(bcast.getDimensions(), ArrayRef<int64_t>{0}))
      return fail(Twine("the ") + role +
                  "'s weight is not one matrix broadcast over the batch");
    addShared(bcast, role);
    weight = bcast.getInput();
    init = bmm.getDpsInits()[0];
  } else if (auto m = dyn_cast_or_null<linalg::MatmulOp>(mm);
             m && !m.hasUserDefinedMaps()) {
    input = m.getDpsInputs()[0];
    weight = m.getDpsInputs()[1];
    init = m.getDpsInits()[0];
    if (!inputIsHeads) {
      // Rows [B·S, K] of the B×S×K input.
      auto rows = input.getDefiningOp<tensor::CollapseShapeOp>();
      if (!rows || !staticType(rows.getSrc()) ||
          !hasGroups(rows.getReassociationIndices(), {{0, 1}, {2}}))
        return fail(Twine("the ") + role +
                    "'s rows are not a B×S×M input flattened");
      // A view of the input, which another linear may share.
      addShared(rows, role);
      input = rows.getSrc();
    }
  } else {
    return fail(Twine("the ") + role + " is not a linear x·W + b (" +
                producerName(acc) + " where a matmul was expected)");
  }
  if (!isZeroFill(init))
    return fail(Twine("the ") + role + "'s matmul does not start from zero");
  add(mm, role);
  addShared(init.getDefiningOp(), role);
  p.input = input;
  p.weight = weight;
  RankedTensorType wType = staticType(weight);
  if (!wType || wType.getRank() != 2)
    return fail(Twine("the ") + role + "'s weight is not a static matrix");
  p.totalCols = wType.getDimSize(1);
  p.offset = 0;
  p.cols = p.totalCols;
  if (failed(checkVisible(weight, (role + " weight").str())))
    return failure();
  if (p.bias && failed(checkVisible(p.bias, (role + " bias").str())))
    return failure();
  return success();
}

/// `heads` (B×H×S×D) = transpose(0, 2, 1, 3) of a projection's columns
/// reshaped to B×S×H×D.
LogicalResult MhaMatcher::matchHeadSplit(Value heads, ProjectionSlice &p,
                                         int64_t &numHeads, int64_t &dim,
                                         StringRef role) {
  std::string what = (role + " heads").str();
  auto tr = heads.getDefiningOp<linalg::TransposeOp>();
  if (!tr)
    return fail(Twine("head split not recognized: the ") + what +
                " come from " + producerName(heads) +
                ", not a transpose of B×S×H×D");
  if (!llvm::equal(tr.getPermutation(), ArrayRef<int64_t>{0, 2, 1, 3}))
    return fail(Twine("head split not recognized: the ") + what +
                " are transposed by another permutation than (0, 2, 1, 3)");
  add(tr, what);
  Value bshd = tr.getInput();
  RankedTensorType type = staticType(bshd);
  if (!type)
    return fail(Twine("the ") + what + " have a dynamic shape");
  numHeads = type.getDimSize(2);
  dim = type.getDimSize(3);

  Value columns;
  int64_t offset = 0;
  if (auto ex = bshd.getDefiningOp<tensor::ExpandShapeOp>()) {
    // [.., H·D] → [.., H, D], the columns possibly a slice of a wider linear.
    auto groups = ex.getReassociationIndices();
    if (!hasGroups(groups, {{0}, {1}, {2, 3}}) &&
        !hasGroups(groups, {{0, 1}, {2, 3}}))
      return fail(Twine("head split not recognized: the ") + what +
                  " are reshaped from something other than B×S×(H·D)");
    add(ex, what);
    columns = ex.getSrc();
    if (auto slice = columns.getDefiningOp<tensor::ExtractSliceOp>()) {
      auto src = staticType(slice.getSource());
      unsigned rank = src ? src.getRank() : 0;
      bool lastDimOnly =
          src && slice.hasUnitStride() && slice.getType().getRank() == rank;
      for (unsigned d = 0; lastDimOnly && d + 1 < rank; ++d)
        lastDimOnly = slice.getStaticOffsets()[d] == 0 &&
                      slice.getStaticSizes()[d] == src.getDimSize(d);
      if (!lastDimOnly ||
          ShapedType::isDynamic(slice.getStaticOffsets().back()))
        return fail(Twine("head split not recognized: the ") + what +
                    " are a slice of more than the projection's columns");
      add(slice, what);
      offset = slice.getStaticOffsets().back();
      columns = slice.getSource();
    }
  } else if (auto col = bshd.getDefiningOp<tensor::CollapseShapeOp>()) {
    // A fused linear viewed as B×S×T×H×D, slice t of the T parts, collapsed.
    auto slice = col.getSrc().getDefiningOp<tensor::ExtractSliceOp>();
    auto ex = slice ? slice.getSource().getDefiningOp<tensor::ExpandShapeOp>()
                    : nullptr;
    RankedTensorType parts = ex ? staticType(ex.getResult()) : nullptr;
    if (!hasGroups(col.getReassociationIndices(), {{0}, {1}, {2, 3}, {4}}) ||
        !parts || parts.getRank() != 5 || !slice.hasUnitStride() ||
        slice.getType().getRank() != 5 ||
        (!hasGroups(ex.getReassociationIndices(), {{0}, {1}, {2, 3, 4}}) &&
         !hasGroups(ex.getReassociationIndices(), {{0, 1}, {2, 3, 4}})))
      return fail(Twine("head split not recognized: the ") + what +
                  " are not one part of a fused projection viewed as "
                  "B×S×parts×H×D");
    ArrayRef<int64_t> offsets = slice.getStaticOffsets(),
                      sizes = slice.getStaticSizes();
    for (unsigned d = 0; d < 5; ++d) {
      bool ok = d == 2 ? sizes[d] == 1 && !ShapedType::isDynamic(offsets[d])
                       : offsets[d] == 0 && sizes[d] == parts.getDimSize(d);
      if (!ok)
        return fail(Twine("head split not recognized: the ") + what +
                    " slice a fused projection along another dim than its "
                    "parts");
    }
    add(col, what);
    add(slice, what);
    add(ex, what);
    offset = offsets[2] * parts.getDimSize(3) * parts.getDimSize(4);
    columns = ex.getSrc();
  } else {
    return fail(Twine("head split not recognized: the ") + what +
                " are reshaped from " + producerName(bshd) +
                ", not from a projection's columns");
  }
  if (failed(matchLinear(columns, p, (role + " projection").str(),
                         /*inputIsHeads=*/false)))
    return failure();
  p.offset = offset;
  p.cols = numHeads * dim;
  // The rows were flattened [B·S, ..]: the head split must cut them back
  // where the input's batch ends.
  RankedTensorType x = staticType(p.input);
  if (!x || x.getRank() != 3 || x.getDimSize(0) != type.getDimSize(0) ||
      x.getDimSize(1) != type.getDimSize(1))
    return fail(Twine("head split not recognized: the ") + what +
                " do not keep the projection input's batch and sequence");
  return success();
}

/// sdpa → transpose(0, 2, 1, 3) → collapse to B×S×(H·D) (or rows) → the
/// output linear (→ expand back to B×S×N for rows).
LogicalResult MhaMatcher::matchOutput() {
  auto single = [](Value v) -> Operation * {
    return v.hasOneUse() ? *v.getUsers().begin() : nullptr;
  };
  Value o = block.sdpa.getResult();
  auto tr = dyn_cast_or_null<linalg::TransposeOp>(single(o));
  if (!tr || tr.getInput() != o ||
      !llvm::equal(tr.getPermutation(), ArrayRef<int64_t>{0, 2, 1, 3}))
    return fail("head merge not recognized: the attention result is not "
                "only transposed (0, 2, 1, 3) to B×S×H×D");
  add(tr, "head merge");
  auto merged =
      dyn_cast_or_null<tensor::CollapseShapeOp>(single(tr->getResult(0)));
  bool rows =
      merged && hasGroups(merged.getReassociationIndices(), {{0, 1}, {2, 3}});
  if (!merged || (!rows && !hasGroups(merged.getReassociationIndices(),
                                      {{0}, {1}, {2, 3}})))
    return fail("head merge not recognized: the transposed heads are not "
                "only reshaped to B×S×(H·D)");
  add(merged, "head merge");
  Operation *mm = single(merged.getResult());
  if (!isa_and_nonnull<linalg::MatmulOp, linalg::BatchMatmulOp>(mm) ||
      mm->getOperand(0) != merged.getResult())
    return fail("no output projection: the merged heads are not only "
                "multiplied by a weight");
  Value y = mm->getResult(0);
  Value acc, bias;
  if (auto g = dyn_cast_or_null<linalg::GenericOp>(single(y));
      g && isBiasAdd(g, acc, bias) && acc == y)
    y = g->getResult(0);
  if (failed(matchLinear(y, block.out, "output projection",
                         /*inputIsHeads=*/true)))
    return failure();
  if (rows) {
    auto back = dyn_cast_or_null<tensor::ExpandShapeOp>(single(y));
    if (!back || !hasGroups(back.getReassociationIndices(), {{0, 1}, {2}}))
      return fail("head merge not recognized: the output projection's rows "
                  "are not only reshaped back to B×S×N");
    add(back, "output projection");
    y = back.getResult();
  }
  block.result = y;
  return success();
}

/// Every value computed inside the block is used inside it only (but the
/// result): another user would still need the value raising removes.
LogicalResult MhaMatcher::checkUsers() {
  Operation *last = block.result.getDefiningOp();
  for (Operation *op : block.ops) {
    // attn.mha replaces the block in place: one block of ops, not ops
    // spread over regions (whose values might not reach the new op).
    if (op->getBlock() != block.sdpa->getBlock())
      return fail(Twine("the ") + roles.lookup(op) + " (" +
                  op->getName().getStringRef() +
                  ") is in another region than the attention");
    if (op == last || shared.contains(op))
      continue;
    for (Operation *user : op->getUsers())
      if (!block.ops.contains(user) && !isOpTriviallyDead(user))
        return fail(Twine("the ") + roles.lookup(op) + " (" +
                    op->getName().getStringRef() + ") has another user (" +
                    user->getName().getStringRef() + ")");
  }
  return success();
}

LogicalResult MhaMatcher::match() {
  SdpaOp sdpa = block.sdpa;
  block.ops.insert(sdpa);
  roles[sdpa] = "attention";
  int64_t qHeads, qDim;
  if (failed(matchHeadSplit(sdpa.getQuery(), block.q, qHeads, qDim, "Q")))
    return failure();

  // K and V, possibly repeated (B×Hkv×S×D broadcast to B×Hkv×G×S×D and
  // collapsed: query head h reads KV head h / G, attn.mha's grouping).
  int64_t groups[2] = {1, 1};
  Value kvHeads[2] = {sdpa.getKey(), sdpa.getValue()};
  for (int i = 0; i < 2; ++i) {
    auto col = kvHeads[i].getDefiningOp<tensor::CollapseShapeOp>();
    if (!col ||
        !hasGroups(col.getReassociationIndices(), {{0}, {1, 2}, {3}, {4}}))
      continue;
    Value source;
    Operation *rep = col.getSrc().getDefiningOp();
    if (!rep || !isRepeatBroadcast(rep, source))
      return fail(Twine(i ? "V" : "K") +
                  " heads are merged from something other than a repeat "
                  "(a broadcast after the head dim)");
    StringRef role = i ? "V repeat" : "K repeat";
    add(col, role);
    add(rep, role);
    groups[i] = cast<RankedTensorType>(col.getSrc().getType()).getDimSize(2);
    kvHeads[i] = source;
  }
  if (groups[0] != groups[1])
    return fail("K and V are repeated by different factors");
  block.repeated = groups[0] != 1;

  int64_t kHeads, kDim, vHeads, vDim;
  if (failed(matchHeadSplit(kvHeads[0], block.k, kHeads, kDim, "K")) ||
      failed(matchHeadSplit(kvHeads[1], block.v, vHeads, vDim, "V")))
    return failure();
  if (block.k.input != block.v.input)
    return fail("K and V are projected from different inputs");
  if (kHeads != vHeads)
    return fail("K and V have different head counts");
  if (kDim != qDim || vDim != qDim)
    return fail("Q, K and V heads differ in size (attn.mha has one "
                "head_dim)");
  if (qHeads % kHeads != 0)
    return fail("the key/value heads do not group the query heads");
  block.heads = qHeads;
  block.kvHeads = kHeads;
  block.headDim = qDim;

  if (failed(matchOutput()))
    return failure();

  // One element type (attn.mha's rule); the mask keeps its own.
  Type et = getElementTypeOrSelf(block.q.input.getType());
  for (Value v : {block.k.input, block.q.weight, block.k.weight, block.v.weight,
                  block.out.weight, block.result})
    if (getElementTypeOrSelf(v.getType()) != et)
      return fail("the inputs, weights and result do not share one element "
                  "type");
  for (Value b : {block.q.bias, block.k.bias, block.v.bias, block.out.bias})
    if (b && getElementTypeOrSelf(b.getType()) != et)
      return fail("the biases do not share the input's element type");
  return checkUsers();
}

/// Columns [offset, offset + cols) of a weight (dim 1) or bias (dim 0).
Value sliceColumns(RewriterBase &rewriter, Location loc, Value v,
                   const ProjectionSlice &p) {
  if (!v || !p.fused())
    return v;
  auto type = cast<RankedTensorType>(v.getType());
  unsigned last = type.getRank() - 1;
  SmallVector<OpFoldResult> offsets(type.getRank(), rewriter.getIndexAttr(0));
  SmallVector<OpFoldResult> sizes,
      strides(type.getRank(), rewriter.getIndexAttr(1));
  for (int64_t d : type.getShape())
    sizes.push_back(rewriter.getIndexAttr(d));
  offsets[last] = rewriter.getIndexAttr(p.offset);
  sizes[last] = rewriter.getIndexAttr(p.cols);
  return tensor::ExtractSliceOp::create(rewriter, loc, v, offsets, sizes,
                                        strides);
}

} // namespace

FailureOr<MhaBlock> mlir::attn::raise::matchMhaBlock(SdpaOp sdpa,
                                                     std::string &why) {
  MhaBlock block;
  block.sdpa = sdpa;
  MhaMatcher matcher(block, why);
  if (failed(matcher.match()))
    return failure();
  return block;
}

MhaOp mlir::attn::raise::rewriteMhaBlock(RewriterBase &rewriter,
                                         MhaBlock &block) {
  // Everything the layer reads is defined before the op computing the
  // result (which depends on all of it through the sdpa).
  Operation *last = block.result.getDefiningOp();
  rewriter.setInsertionPoint(last);
  Location loc = block.sdpa.getLoc();
  auto slice = [&](const ProjectionSlice &p, Value v) {
    return sliceColumns(rewriter, loc, v, p);
  };
  Value x = block.q.input, kv = block.k.input;
  SdpaOp sdpa = block.sdpa;
  auto mha = MhaOp::create(
      rewriter, loc, block.result.getType(), x, kv == x ? Value() : kv,
      slice(block.q, block.q.weight), slice(block.k, block.k.weight),
      slice(block.v, block.v.weight), block.out.weight,
      slice(block.q, block.q.bias), slice(block.k, block.k.bias),
      slice(block.v, block.v.bias), block.out.bias, sdpa.getMask(),
      rewriter.getI64IntegerAttr(block.heads),
      rewriter.getI64IntegerAttr(block.kvHeads),
      rewriter.getI64IntegerAttr(block.headDim), sdpa.getScaleAttr(),
      sdpa.getCausalAttr(), sdpa.getCausalOffsetAttr(), StringAttr());
  rewriter.replaceAllUsesWith(block.result, mha.getResult());
  // The block's ops, users first. The sdpa raise leaves the ops it read
  // through (the transposes it replaced) to the driver's dead-code removal;
  // they go first here, so the ops they read become unused.
  SmallVector<Operation *> ops = block.ops.takeVector();
  llvm::SetVector<Operation *> dead;
  for (Operation *op : ops)
    for (Operation *user : op->getUsers())
      if (!llvm::is_contained(ops, user) && isOpTriviallyDead(user))
        dead.insert(user);
  for (Operation *op : dead)
    rewriter.eraseOp(op);
  bool erased = true;
  while (erased) {
    erased = false;
    for (Operation *&op : ops)
      if (op && op->use_empty()) {
        rewriter.eraseOp(op);
        op = nullptr;
        erased = true;
      }
  }
  return mha;
}

std::string mlir::attn::raise::describeMhaBlock(const MhaBlock &block) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << (block.k.input == block.q.input ? "self-attention" : "cross-attention");
  if (block.q.fused() && block.q.weight == block.k.weight)
    os << ", fused QKV projection";
  else if (block.k.fused() && block.k.weight == block.v.weight)
    os << ", fused KV projection";
  else
    os << ", separate Q/K/V projections";
  os << ", " << block.heads << " heads";
  if (block.kvHeads != block.heads)
    os << " (" << block.kvHeads << " key/value heads"
       << (block.repeated ? ", repeat removed" : "") << ")";
  os << " of dim " << block.headDim;
  SdpaOp sdpa = block.sdpa;
  if (sdpa.getCausal())
    os << ", causal";
  if (sdpa.getMask())
    os << ", mask";
  os << (block.q.bias ? ", with biases" : ", without biases");
  return s;
}
