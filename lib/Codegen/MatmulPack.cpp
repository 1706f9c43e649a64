//===- MatmulPack.cpp - B in the kernel's [N/NR][K][NR] layout ------------===//
//
// The kernel reads B as NR-column panels, each K rows of NR contiguous
// elements (zero-padded past N), so each k step loads whole vectors from one
// stream. A constant B is packed here at compile time: its bytes are
// permuted into a new constant (an attn.weight when B was one, so the
// emitted global has the kernel's layout); any other B whose columns are
// not contiguous is packed per call by a linalg.generic.
//
//===----------------------------------------------------------------------===//

#include "MatmulProblem.h"

#include "attn/Dialect/Attn/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/IR/SymbolTable.h"

#include <cstring>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::matmul;

/// The packed type of B: [batch dims in B's order..., ceil(N/NR), K, NR].
static RankedTensorType packedType(const Problem &p, ArrayRef<int64_t> bShape,
                                   int64_t nr) {
  SmallVector<int64_t> shape;
  int64_t n = 0, k = 0;
  for (unsigned r = 0, e = p.bMap.getNumResults(); r < e; ++r) {
    unsigned d = p.bMap.getDimPosition(r);
    if (d == p.n)
      n = bShape[r];
    else if (d == p.k)
      k = bShape[r];
    else
      shape.push_back(bShape[r]);
  }
  shape.push_back(ShapedType::isDynamic(n) ? ShapedType::kDynamic
                                           : llvm::divideCeil(n, nr));
  shape.append({k, nr});
  return RankedTensorType::get(
      shape, cast<RankedTensorType>(p.b.getType()).getElementType());
}

/// The raw little-endian bytes of a constant, or an empty array (a splat
/// holds one element: `splat` says so).
static ArrayRef<char> rawBytes(Attribute value, bool &splat) {
  splat = false;
  if (auto dense = dyn_cast<DenseElementsAttr>(value)) {
    splat = dense.isSplat();
    return dense.getRawData();
  }
  if (auto resource = dyn_cast<DenseResourceElementsAttr>(value))
    if (AsmResourceBlob *blob = resource.getRawHandle().getBlob())
      return blob->getData();
  return {};
}

/// `bytes` (B's elements, row-major in B's shape) permuted into the packed
/// layout.
static std::vector<char> packBytes(const Problem &p, ArrayRef<char> bytes,
                                   bool splat, ArrayRef<int64_t> bShape,
                                   RankedTensorType packed, unsigned width) {
  unsigned rank = bShape.size();
  SmallVector<int64_t> strides(rank, 1);
  for (int i = static_cast<int>(rank) - 2; i >= 0; --i)
    strides[i] = strides[i + 1] * bShape[i + 1];
  // For each packed dim: which result of B's map it walks (batch dims),
  // then N panels, K, and the lane within a panel.
  int64_t nStride = 0, kStride = 0, n = 0;
  SmallVector<int64_t> batchStrides;
  for (unsigned r = 0; r < rank; ++r) {
    unsigned d = p.bMap.getDimPosition(r);
    if (d == p.n) {
      nStride = strides[r];
      n = bShape[r];
    } else if (d == p.k) {
      kStride = strides[r];
    } else {
      batchStrides.push_back(strides[r]);
    }
  }
  ArrayRef<int64_t> ps = packed.getShape();
  unsigned nb = batchStrides.size();
  int64_t panels = ps[nb], k = ps[nb + 1], nr = ps[nb + 2];
  int64_t batches = 1;
  for (unsigned i = 0; i < nb; ++i)
    batches *= ps[i];
  std::vector<char> out(packed.getNumElements() * width, 0);
  char *dst = out.data();
  for (int64_t bi = 0; bi < batches; ++bi) {
    int64_t base = 0, rest = bi;
    for (int i = static_cast<int>(nb) - 1; i >= 0; --i) {
      base += (rest % ps[i]) * batchStrides[i];
      rest /= ps[i];
    }
    for (int64_t pn = 0; pn < panels; ++pn)
      for (int64_t kk = 0; kk < k; ++kk)
        for (int64_t j = 0; j < nr; ++j, dst += width) {
          int64_t col = pn * nr + j;
          if (col >= n)
            continue;
          int64_t src = splat ? 0 : base + kk * kStride + col * nStride;
          std::memcpy(dst, bytes.data() + src * width, width);
        }
  }
  return out;
}

Value matmul::prepackConstant(OpBuilder &b, const Problem &p, int64_t nr) {
  auto bType = cast<RankedTensorType>(p.b.getType());
  if (!bType.hasStaticShape())
    return {};
  Attribute value;
  WeightOp weight;
  if (auto ref = p.b.getDefiningOp<WeightRefOp>()) {
    weight = SymbolTable::lookupNearestSymbolFrom<WeightOp>(
        ref, ref.getWeightAttr());
    if (!weight)
      return {};
    value = weight.getValue();
  } else if (auto cst = p.b.getDefiningOp<arith::ConstantOp>()) {
    value = cst.getValue();
  } else {
    return {};
  }
  bool splat = false;
  ArrayRef<char> bytes = rawBytes(value, splat);
  unsigned width = bType.getElementTypeBitWidth() / 8;
  if (bytes.empty() || (!splat && static_cast<int64_t>(bytes.size()) !=
                                      bType.getNumElements() * width))
    return {};
  RankedTensorType packed = packedType(p, bType.getShape(), nr);
  std::vector<char> data =
      packBytes(p, bytes, splat, bType.getShape(), packed, width);

  Location loc = p.b.getLoc();
  if (!weight)
    return arith::ConstantOp::create(
        b, loc, packed, DenseElementsAttr::getFromRawBuffer(packed, data));

  // A new weight beside the original, named after it; the pass erases the
  // original when nothing else reads it.
  std::string name = (weight.getSymName() + ".packed" + Twine(nr)).str();
  auto module = weight->getParentOfType<ModuleOp>();
  WeightOp packedWeight = module.lookupSymbol<WeightOp>(name);
  if (!packedWeight || packedWeight.getType() != packed) {
    OpBuilder mb(weight);
    mb.setInsertionPointAfter(weight);
    auto blob = HeapAsmResourceBlob::allocateAndCopyWithAlign(
        data, alignof(std::max_align_t));
    auto attr = DenseResourceElementsAttr::get(packed, name, std::move(blob));
    packedWeight =
        WeightOp::create(mb, weight.getLoc(), name, cast<ElementsAttr>(attr));
    SymbolTable(module).insert(packedWeight);
  }
  return WeightRefOp::create(b, loc, packed, packedWeight.getSymName());
}

Value matmul::packAtRunTime(OpBuilder &b, Location loc, const Problem &p,
                            int64_t nr) {
  auto bType = cast<RankedTensorType>(p.b.getType());
  RankedTensorType packed = packedType(p, bType.getShape(), nr);
  // Sizes: batch dims and K as B's, the panel count ceil(N / NR).
  SmallVector<OpFoldResult> sizes;
  OpFoldResult n, k;
  for (unsigned r = 0, e = p.bMap.getNumResults(); r < e; ++r) {
    unsigned d = p.bMap.getDimPosition(r);
    OpFoldResult size = tensor::getMixedSize(b, loc, p.b, r);
    if (d == p.n)
      n = size;
    else if (d == p.k)
      k = size;
    else
      sizes.push_back(size);
  }
  Value nValue = getValueOrCreateConstantIndexOp(b, loc, n);
  Value nrValue = arith::ConstantIndexOp::create(b, loc, nr);
  if (std::optional<int64_t> staticN = getConstantIntValue(n))
    sizes.push_back(b.getIndexAttr(llvm::divideCeil(*staticN, nr)));
  else
    sizes.push_back(
        arith::CeilDivSIOp::create(b, loc, nValue, nrValue).getResult());
  sizes.append({k, b.getIndexAttr(nr)});
  Value init = tensor::EmptyOp::create(b, loc, sizes, packed.getElementType());
  unsigned rank = sizes.size(), numBatch = rank - 3;
  SmallVector<utils::IteratorType> iterators(rank,
                                             utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, packed, ValueRange{}, ValueRange{init},
      ArrayRef<AffineMap>{b.getMultiDimIdentityMap(rank)}, iterators,
      [&](OpBuilder &nb, Location nl, ValueRange) {
        auto index = [&](unsigned d) {
          return linalg::IndexOp::create(nb, nl, d).getResult();
        };
        Value col = arith::AddIOp::create(
            nb, nl, arith::MulIOp::create(nb, nl, index(numBatch), nrValue),
            index(numBatch + 2));
        Value inside = arith::CmpIOp::create(nb, nl, arith::CmpIPredicate::slt,
                                             col, nValue);
        // Padding lanes read the last column (in bounds) and select 0.
        Value last = arith::SubIOp::create(
            nb, nl, nValue, arith::ConstantIndexOp::create(nb, nl, 1));
        Value clamped = arith::MinSIOp::create(nb, nl, col, last);
        SmallVector<Value> idx;
        unsigned batch = 0;
        for (unsigned r = 0, e = p.bMap.getNumResults(); r < e; ++r) {
          unsigned d = p.bMap.getDimPosition(r);
          if (d == p.n)
            idx.push_back(clamped);
          else if (d == p.k)
            idx.push_back(index(numBatch + 1));
          else
            idx.push_back(index(batch++));
        }
        Value v = tensor::ExtractOp::create(nb, nl, p.b, idx);
        Value zero = arith::ConstantOp::create(
            nb, nl, nb.getZeroAttr(packed.getElementType()));
        linalg::YieldOp::create(
            nb, nl,
            arith::SelectOp::create(nb, nl, inside, v, zero).getResult());
      });
  return generic.getResult(0);
}
