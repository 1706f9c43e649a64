//===- OnlineAttentionDecomposition.cpp - online_attention → linalg -------===//
//
// attn.online_attention's AggregatedOpInterface: one online-softmax step as
// linalg ops on tensors, for any shapes and element types. It is what the
// recurrence means, spelled out; the vector kernel
// (lib/Conversion/OnlineAttentionToVector.cpp) is the fast path for static
// head dims.
//
//   s   = scale · q·kᵀ (+ mask), −inf where masked      [R×N]
//   m'  = max(m, rowmax(s))                              [R]
//   ref = m' = −inf ? 0 : m'      (a fully masked row subtracts nothing)
//   p   = exp(s − ref)            (exp(−inf) = 0 for masked keys)
//   l'  = exp(m − ref)·l + rowsum(p)
//   acc'= exp(m − ref)·acc + p·v
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/AttnOps.h"
#include "attn/Dialect/Attn/AttnSemantics.h"
#include "attn/Dialect/Attn/TensorBuilders.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;

/// The shared builder, under a short name for the formulas below.
static Value
generic(OpBuilder &b, Location loc, ValueRange inputs, Value init,
        ArrayRef<AffineMap> maps, ArrayRef<IteratorType> iterators,
        function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  return buildGeneric(b, loc, inputs, init, maps, iterators, body);
}

FailureOr<SmallVector<Value>>
OnlineAttentionOp::decomposeOperation(OpBuilder &b) {
  OnlineAttentionOp op = *this;
  Location loc = op.getLoc();
  MLIRContext *ctx = b.getContext();
  Value q = op.getQuery(), k = op.getKey(), v = op.getValue();
  bool kt = op.getKeyTransposed();
  OpFoldResult rows = tensor::getMixedSize(b, loc, q, online_dim::kRows);
  OpFoldResult keys = tensor::getMixedSize(b, loc, k, getKeySeqDim(op));
  auto d = [&](unsigned i) { return b.getAffineDimExpr(i); };
  auto map = [&](unsigned dims, ArrayRef<AffineExpr> results) {
    return AffineMap::get(dims, 0, results, ctx);
  };
  IteratorType par = IteratorType::parallel, red = IteratorType::reduction;

  // s[i,j] = Σ_d q[i,d]·k[j,d] in f32.
  Value scores =
      generic(b, loc, {q, k}, filledF32(b, loc, {rows, keys}, 0.0),
              {map(3, {d(0), d(2)}), map(3, keyLayout(kt, d(1), d(2))),
               map(3, {d(0), d(1)})},
              {par, par, red}, [](OpBuilder &nb, Location nl, ValueRange a) {
                Value prod = arith::MulFOp::create(nb, nl, toF32(nb, nl, a[0]),
                                                   toF32(nb, nl, a[1]));
                return arith::AddFOp::create(nb, nl, a[2], prod).getResult();
              });

  // Scale, mask, causal: −inf for every masked key.
  SmallVector<Value> inputs = {scores};
  SmallVector<AffineMap> maps = {b.getMultiDimIdentityMap(2)};
  Value mask = op.getMask();
  if (mask) {
    inputs.push_back(mask);
    maps.push_back(maskBroadcastMap(cast<RankedTensorType>(mask.getType()),
                                    online_dim::kRank));
  }
  maps.push_back(b.getMultiDimIdentityMap(2));
  Value shift = op.getCausalShift();
  float scale = op.getScale().convertToFloat();
  Value masked = generic(
      b, loc, inputs, emptyTensor(b, loc, {rows, keys}, b.getF32Type()), maps,
      {par, par}, [&](OpBuilder &nb, Location nl, ValueRange a) {
        auto causal = [&](OpBuilder &cb, Location cl) {
          return buildCausallyHiddenInGeneric(cb, cl, online_dim::kRows,
                                              online_dim::kKeys, shift);
        };
        return buildMaskedScore(
            nb, nl, a[0], f32Constant(nb, nl, scale), mask ? a[1] : Value(),
            shift ? function_ref<Value(OpBuilder &, Location)>(causal)
                  : nullptr);
      });

  // m' = max(m, rowmax(s)).
  AffineMap ij = b.getMultiDimIdentityMap(2), i_ = map(2, {d(0)});
  Value newMax = generic(
      b, loc, {masked}, op.getMax(), {ij, i_}, {par, red},
      [](OpBuilder &nb, Location nl, ValueRange a) {
        return arith::MaximumFOp::create(nb, nl, a[0], a[1]).getResult();
      });
  // p = exp(s − ref): the safe exponential subtracts 0 instead of m' for a
  // row that has seen no unmasked key (m' = −inf), so it gives 0, not NaN.
  Value probs =
      generic(b, loc, {masked, newMax},
              emptyTensor(b, loc, {rows, keys}, b.getF32Type()), {ij, i_, ij},
              {par, par}, [&](OpBuilder &nb, Location nl, ValueRange a) {
                return buildSafeExp(nb, nl, a[0], a[1]);
              });

  // Rescale the running state by α = exp(m − ref).
  auto rescaled = [&](Value state, ArrayRef<AffineMap> stateMaps,
                      ArrayRef<IteratorType> iters) {
    return generic(
        b, loc, {op.getMax(), newMax, state},
        emptyTensor(b, loc, tensor::getMixedSizes(b, loc, state),
                    b.getF32Type()),
        stateMaps, iters, [&](OpBuilder &nb, Location nl, ValueRange a) {
          Value alpha = buildSafeExp(nb, nl, a[0], a[1]);
          return arith::MulFOp::create(nb, nl, alpha, a[2]).getResult();
        });
  };
  AffineMap r1 = map(1, {d(0)});
  Value sumInit = rescaled(op.getSum(), {r1, r1, r1, r1}, {par});
  Value accInit = rescaled(op.getAcc(), {i_, i_, ij, ij}, {par, par});

  // l' = α·l + rowsum(p);  acc' = α·acc + p·v.
  Value newSum =
      generic(b, loc, {probs}, sumInit, {ij, i_}, {par, red},
              [](OpBuilder &nb, Location nl, ValueRange a) {
                return arith::AddFOp::create(nb, nl, a[0], a[1]).getResult();
              });
  Value newAcc = generic(
      b, loc, {probs, v}, accInit,
      {map(3, {d(0), d(2)}), map(3, {d(2), d(1)}), map(3, {d(0), d(1)})},
      {par, par, red}, [](OpBuilder &nb, Location nl, ValueRange a) {
        Value prod = arith::MulFOp::create(nb, nl, a[0], toF32(nb, nl, a[1]));
        return arith::AddFOp::create(nb, nl, a[2], prod).getResult();
      });
  return SmallVector<Value>{newAcc, newMax, newSum};
}
