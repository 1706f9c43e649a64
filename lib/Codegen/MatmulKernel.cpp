//===- MatmulKernel.cpp - the register-blocked matmul kernel --------------===//
//
// Emits, on tensors, the loops and vector ops of attn's matmul kernel:
//
//   scf.forall (outer..., row block, column block)      -- threads
//     scf.for column tile (NR = vectors·lanes)          -- B panel reused
//       scf.for row tile (MR = rows)                    --   across rows
//         scf.for k: acc[r][j] = fma(bcast(A[r, k]), B[k, j·L : +L], acc)
//         epilogue(acc) → one transfer_write per accumulator
//
// The MR·V accumulators are loop-carried vectors, so LLVM keeps them in
// registers for the whole K loop. Rows left over by a block (M not a
// multiple of MR, dynamic M) take an scf.index_switch over the remainder,
// each case the same kernel with that many rows; columns left over store
// (and read direct B) through masked transfers. Both are only emitted when
// the static sizes do not rule them out.
//
//===----------------------------------------------------------------------===//

#include "MatmulProblem.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::matmul;

namespace {

/// Builds one kernel; holds the sizes and the current iteration point.
class KernelBuilder {
public:
  KernelBuilder(OpBuilder &b, Location loc, const Problem &p, const Epilogue &e,
                const BOperand &bOperand, const KernelShape &s)
      : b(b), loc(loc), p(p), e(e), bOp(bOperand), s(s), f32(b.getF32Type()),
        vecType(VectorType::get({s.lanes}, f32)) {}

  Value build();

private:
  Value cIndex(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value rem(Value x, int64_t d) {
    return arith::RemSIOp::create(b, loc, x, cIndex(d));
  }
  Type elementOf(Value v) {
    return cast<ShapedType>(v.getType()).getElementType();
  }
  /// The indices of an operand read through `map` at the current point.
  SmallVector<Value> indices(AffineMap map) {
    SmallVector<Value> idx;
    for (unsigned r = 0, e = map.getNumResults(); r < e; ++r)
      idx.push_back(point[map.getDimPosition(r)]);
    return idx;
  }
  Value widen(Value v) {
    Type t = v.getType();
    Type wide = isa<VectorType>(t) ? Type(vecType) : f32;
    if (getElementTypeOrSelf(t).isF32())
      return v;
    return arith::ExtFOp::create(b, loc, wide, v);
  }
  /// L elements of `tensor` along its last dim at `idx`; lanes past its end
  /// read 0 unless `inBounds`.
  Value readVector(Value tensor, ValueRange idx, bool inBounds) {
    Type et = elementOf(tensor);
    Value pad = arith::ConstantOp::create(b, loc, b.getZeroAttr(et));
    SmallVector<bool> bounds(1, inBounds);
    return vector::TransferReadOp::create(
        b, loc, VectorType::get({s.lanes}, et), tensor, idx, pad, bounds);
  }

  /// Columns [col, col + NR) of rows [row, row + R) over all of K.
  SmallVector<Value> microKernel(Value row, Value col, int64_t rowsInTile,
                                 bool fullCols);
  /// The register tile at tile-relative (mt, nt): compute, epilogue, store.
  Value tileStep(Value tile, Value mt, Value nt, int64_t rowsInTile,
                 bool fullCols);
  /// All row tiles of the block at column tile `nt`.
  Value rowTiles(Value tile, Value nt, bool fullCols);
  /// The epilogue stages applied to one accumulator at the current point.
  Value applyEpilogue(Value acc, bool fullCols);

  OpBuilder &b;
  Location loc;
  const Problem &p;
  const Epilogue &e;
  const BOperand &bOp;
  const KernelShape &s;
  Type f32;
  VectorType vecType;

  SmallVector<Value> sizes; // per loop
  Value m0, n0, mSize, nSize;
  bool mayHaveRowTail = true, mayHaveColTail = true;
  /// The current iteration point, one value per loop (columns: the first
  /// column of the vector).
  SmallVector<Value> point;
};

} // namespace

SmallVector<Value> KernelBuilder::microKernel(Value row, Value col,
                                              int64_t rowsInTile,
                                              bool fullCols) {
  int64_t numAcc = rowsInTile * s.vectors;
  Value zero = arith::ConstantOp::create(b, loc, b.getZeroAttr(vecType));
  Value packedBlock;
  if (bOp.packed)
    packedBlock = arith::DivSIOp::create(b, loc, col, cIndex(s.nr()));
  // One k step: the accumulators `accs` plus A[rows, k]·B[k, cols].
  auto step = [&](Value k, ValueRange accs) {
    point[p.k] = k;
    SmallVector<Value> bv;
    for (int64_t j = 0; j < s.vectors; ++j) {
      Value v;
      if (bOp.packed) {
        SmallVector<Value> idx;
        for (unsigned d : p.bBatch)
          idx.push_back(point[d]);
        idx.append({packedBlock, k, cIndex(j * s.lanes)});
        v = readVector(bOp.value, idx, /*inBounds=*/true);
      } else {
        point[p.n] = add(col, cIndex(j * s.lanes));
        v = readVector(bOp.value, indices(p.bMap), fullCols);
      }
      bv.push_back(widen(v));
    }
    SmallVector<Value> next;
    for (int64_t r = 0; r < rowsInTile; ++r) {
      point[p.m] = add(row, cIndex(r));
      Value a = widen(tensor::ExtractOp::create(b, loc, p.a, indices(p.aMap)));
      Value splat = vector::BroadcastOp::create(b, loc, vecType, a);
      for (int64_t j = 0; j < s.vectors; ++j)
        next.push_back(vector::FMAOp::create(b, loc, splat, bv[j],
                                             accs[r * s.vectors + j]));
    }
    return next;
  };

  // A tile of few accumulators (few rows: a decoding step's M, the last rows
  // of a block) would wait on the FMA latency every k step: it takes
  // `split` consecutive k per iteration into as many sets of accumulators,
  // summed after the loop (f32 sums in another order, as any blocking does).
  int64_t split = 1;
  if (numAcc < s.minChains)
    split =
        std::min<int64_t>(kMaxKSplit, llvm::divideCeil(s.minChains, numAcc));
  std::optional<int64_t> staticK = getConstantIntValue(sizes[p.k]);
  if (staticK && *staticK < 2 * split)
    split = 1;
  if (split == 1) {
    SmallVector<Value> init(numAcc, zero);
    auto loop = scf::ForOp::create(
        b, loc, cIndex(0), sizes[p.k], cIndex(1), init,
        [&](OpBuilder &, Location, Value k, ValueRange accs) {
          scf::YieldOp::create(b, loc, step(k, accs));
        });
    return SmallVector<Value>(loop.getResults());
  }
  Value kFull = sub(sizes[p.k], rem(sizes[p.k], split));
  SmallVector<Value> init(numAcc * split, zero);
  auto loop = scf::ForOp::create(
      b, loc, cIndex(0), kFull, cIndex(split), init,
      [&](OpBuilder &, Location, Value k, ValueRange accs) {
        SmallVector<Value> next;
        for (int64_t u = 0; u < split; ++u)
          llvm::append_range(
              next, step(add(k, cIndex(u)), accs.slice(u * numAcc, numAcc)));
        scf::YieldOp::create(b, loc, next);
      });
  // Pairwise sums of the sets, then the k left over by the split.
  SmallVector<Value> sets(loop.getResults());
  for (int64_t width = split; width > 1; width = (width + 1) / 2) {
    int64_t half = width / 2, keep = width - half;
    for (int64_t u = 0; u < half; ++u)
      for (int64_t i = 0; i < numAcc; ++i)
        sets[u * numAcc + i] = arith::AddFOp::create(
            b, loc, sets[u * numAcc + i], sets[(keep + u) * numAcc + i]);
  }
  SmallVector<Value> acc(sets.begin(), sets.begin() + numAcc);
  if (staticK && *staticK % split == 0)
    return acc;
  auto tail =
      scf::ForOp::create(b, loc, kFull, sizes[p.k], cIndex(1), acc,
                         [&](OpBuilder &, Location, Value k, ValueRange accs) {
                           scf::YieldOp::create(b, loc, step(k, accs));
                         });
  return SmallVector<Value>(tail.getResults());
}

Value KernelBuilder::applyEpilogue(Value acc, bool fullCols) {
  Value v = acc;
  unsigned rank = p.cMap.getNumResults();
  // Stage loop d is C's result d.
  auto stagePoint = [&](unsigned d) { return point[p.cMap.getDimPosition(d)]; };
  for (auto [constStage, chainInput] : llvm::zip(e.stages, e.chainInput)) {
    linalg::GenericOp stage = constStage;
    Block &body = *stage.getBlock();
    IRMapping map;
    for (OpOperand *input : stage.getDpsInputOperands()) {
      unsigned i = input->getOperandNumber();
      if (i == chainInput) {
        map.map(body.getArgument(i), v);
        continue;
      }
      AffineMap imap = stage.getMatchingIndexingMap(input);
      SmallVector<Value> idx;
      for (unsigned r = 0, n = imap.getNumResults(); r < n; ++r)
        idx.push_back(stagePoint(imap.getDimPosition(r)));
      bool columns = imap.getNumResults() > 0 &&
                     imap.getDimPosition(imap.getNumResults() - 1) == rank - 1;
      Value x;
      if (columns) {
        x = readVector(input->get(), idx, fullCols);
      } else {
        Value scalar = tensor::ExtractOp::create(b, loc, input->get(), idx);
        x = vector::BroadcastOp::create(
            b, loc, VectorType::get({s.lanes}, scalar.getType()), scalar);
      }
      map.map(body.getArgument(i), x);
    }
    // Each body op again, lane-wise on vectors; values from outside the
    // body are broadcast.
    auto vectorOf = [&](Value scalar) -> Value {
      if (Value mapped = map.lookupOrNull(scalar))
        return mapped;
      Value splat = vector::BroadcastOp::create(
          b, loc, VectorType::get({s.lanes}, scalar.getType()), scalar);
      map.map(scalar, splat);
      return splat;
    };
    for (Operation &op : body.without_terminator()) {
      if (auto cst = dyn_cast<arith::ConstantOp>(op)) {
        auto type = VectorType::get({s.lanes}, cst.getType());
        map.map(
            cst.getResult(),
            arith::ConstantOp::create(
                b, loc, type, DenseElementsAttr::get(type, cst.getValue())));
        continue;
      }
      for (Value operand : op.getOperands())
        vectorOf(operand);
      Operation *clone = b.clone(op, map);
      for (Value result : clone->getResults())
        result.setType(VectorType::get({s.lanes}, result.getType()));
    }
    v = map.lookup(body.getTerminator()->getOperand(0));
  }
  return v;
}

Value KernelBuilder::tileStep(Value tile, Value mt, Value nt,
                              int64_t rowsInTile, bool fullCols) {
  Value row = add(m0, mt), col = add(n0, nt);
  SmallVector<Value> acc = microKernel(row, col, rowsInTile, fullCols);
  SmallVector<bool> bounds(1, fullCols);
  for (int64_t r = 0; r < rowsInTile; ++r) {
    point[p.m] = add(row, cIndex(r));
    Value tileRow = add(mt, cIndex(r));
    for (int64_t j = 0; j < s.vectors; ++j) {
      Value offset = cIndex(j * s.lanes);
      point[p.n] = add(col, offset);
      Value v = acc[r * s.vectors + j];
      if (!p.zeroInit)
        v = arith::AddFOp::create(
            b, loc, v, widen(readVector(p.init, indices(p.cMap), fullCols)));
      v = applyEpilogue(v, fullCols);
      tile = vector::TransferWriteOp::create(
                 b, loc, v, tile, ValueRange{tileRow, add(nt, offset)}, bounds)
                 .getResult();
    }
  }
  return tile;
}

Value KernelBuilder::rowTiles(Value tile, Value nt, bool fullCols) {
  Value mFull = mayHaveRowTail ? sub(mSize, rem(mSize, s.rows)) : mSize;
  auto loop = scf::ForOp::create(
      b, loc, cIndex(0), mFull, cIndex(s.rows), ValueRange{tile},
      [&](OpBuilder &, Location, Value mt, ValueRange args) {
        scf::YieldOp::create(b, loc,
                             tileStep(args[0], mt, nt, s.rows, fullCols));
      });
  tile = loop.getResult(0);
  if (!mayHaveRowTail || s.rows == 1)
    return tile;
  // The last rows: the same kernel with as many rows as are left.
  SmallVector<int64_t> cases;
  for (int64_t r = 1; r < s.rows; ++r)
    cases.push_back(r);
  auto sw = scf::IndexSwitchOp::create(b, loc, TypeRange{tile.getType()},
                                       sub(mSize, mFull), cases, cases.size());
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&sw.getDefaultRegion().emplaceBlock());
  scf::YieldOp::create(b, loc, tile);
  for (auto [i, r] : llvm::enumerate(cases)) {
    b.setInsertionPointToStart(&sw.getCaseRegions()[i].emplaceBlock());
    scf::YieldOp::create(b, loc, tileStep(tile, mFull, nt, r, fullCols));
  }
  return sw.getResult(0);
}

Value KernelBuilder::build() {
  linalg::LinalgOp op = p.op;
  SmallVector<Range> ranges = op.createLoopRanges(b, loc);
  for (Range r : ranges)
    sizes.push_back(getValueOrCreateConstantIndexOp(b, loc, r.size));
  point.assign(sizes.size(), Value());

  int64_t mBlock = llvm::divideCeil(s.mBlock, s.rows) * s.rows;
  int64_t nBlock = llvm::divideCeil(s.nBlock, s.nr()) * s.nr();
  SmallVector<int64_t> staticLoops = op.getStaticLoopRanges();
  int64_t staticM = staticLoops[p.m], staticN = staticLoops[p.n];
  mayHaveRowTail = ShapedType::isDynamic(staticM) || staticM % s.rows != 0;
  mayHaveColTail = ShapedType::isDynamic(staticN) || staticN % s.nr() != 0;

  // The output: C's shape, in the element type of the last fused stage.
  Type outType = elementOf(e.result);
  SmallVector<OpFoldResult> cSizes;
  for (unsigned r = 0, n = p.cMap.getNumResults(); r < n; ++r)
    cSizes.push_back(getAsOpFoldResult(sizes[p.cMap.getDimPosition(r)]));
  Value dest = tensor::EmptyOp::create(b, loc, cSizes, outType);

  SmallVector<OpFoldResult> ubs;
  for (unsigned d : p.outer)
    ubs.push_back(sizes[d]);
  auto blocks = [&](Value size, int64_t block) -> Value {
    return arith::CeilDivSIOp::create(b, loc, size, cIndex(block));
  };
  ubs.push_back(blocks(sizes[p.m], mBlock));
  ubs.push_back(blocks(sizes[p.n], nBlock));
  auto forall =
      scf::ForallOp::create(b, loc, ubs, ValueRange{dest}, std::nullopt);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(forall.getBody());
    SmallVector<Value> ivs = forall.getInductionVars();
    unsigned numOuter = p.outer.size();
    for (unsigned i = 0; i < numOuter; ++i)
      point[p.outer[i]] = ivs[i];
    m0 = mul(ivs[numOuter], cIndex(mBlock));
    n0 = mul(ivs[numOuter + 1], cIndex(nBlock));
    mSize = min(cIndex(mBlock), sub(sizes[p.m], m0));
    nSize = min(cIndex(nBlock), sub(sizes[p.n], n0));

    SmallVector<OpFoldResult> offsets, tileSizes, strides;
    for (unsigned i = 0; i < numOuter; ++i) {
      offsets.push_back(ivs[i]);
      tileSizes.push_back(b.getIndexAttr(1));
    }
    offsets.append({m0, n0});
    tileSizes.append({mSize, nSize});
    strides.assign(offsets.size(), b.getIndexAttr(1));
    auto tileType = RankedTensorType::get(
        {ShapedType::kDynamic, ShapedType::kDynamic}, outType);
    Value shared = forall.getRegionIterArgs()[0];
    Value tile = tensor::ExtractSliceOp::create(b, loc, tileType, shared,
                                                offsets, tileSizes, strides);

    Value nFull = mayHaveColTail ? sub(nSize, rem(nSize, s.nr())) : nSize;
    auto colLoop = scf::ForOp::create(
        b, loc, cIndex(0), nFull, cIndex(s.nr()), ValueRange{tile},
        [&](OpBuilder &, Location, Value nt, ValueRange args) {
          scf::YieldOp::create(b, loc, rowTiles(args[0], nt, true));
        });
    tile = colLoop.getResult(0);
    if (mayHaveColTail) {
      Value hasTail = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt,
                                            nFull, nSize);
      auto ifOp = scf::IfOp::create(
          b, loc, hasTail,
          [&](OpBuilder &, Location) {
            scf::YieldOp::create(b, loc, rowTiles(tile, nFull, false));
          },
          [&](OpBuilder &, Location) { scf::YieldOp::create(b, loc, tile); });
      tile = ifOp.getResult(0);
    }
    b.setInsertionPointToStart(forall.getTerminator().getBody());
    tensor::ParallelInsertSliceOp::create(b, loc, tile, shared, offsets,
                                          tileSizes, strides);
  }
  // The loop ranges may know a size statically that the result type does
  // not, or the reverse.
  Value result = forall.getResult(0);
  Type resultType = e.result.getType();
  if (result.getType() != resultType)
    result = tensor::CastOp::create(b, loc, resultType, result);
  return result;
}

Value matmul::buildKernel(OpBuilder &b, Location loc, const Problem &p,
                          const Epilogue &epilogue, const BOperand &bOperand,
                          const KernelShape &shape) {
  return KernelBuilder(b, loc, p, epilogue, bOperand, shape).build();
}
