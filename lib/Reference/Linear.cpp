//===- Linear.cpp - Reference matmul and bias/elementwise add -------------===//

#include "Internal.h"

#include <algorithm>

namespace attn::ref {

using detail::fail;

namespace {

/// numpy broadcast of two shapes (right-aligned; 1 stretches).
std::vector<int64_t> broadcastShapes(const char *where,
                                     const std::vector<int64_t> &a,
                                     const std::vector<int64_t> &b) {
  size_t rank = std::max(a.size(), b.size());
  std::vector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      fail(where, "batch dimensions " + shapeToString(a) + " and " +
                      shapeToString(b) + " do not broadcast");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

} // namespace

Tensor matmul(const Tensor &x, const Tensor &w) {
  const char *where = "matmul";
  if (x.rank() < 2 || w.rank() < 2)
    fail(where, "operands must have rank >= 2, got " + shapeToString(x.shape) +
                    " and " + shapeToString(w.shape));
  detail::expectRank(where, "x", x, x.rank());
  detail::expectRank(where, "w", w, w.rank());
  const int64_t m = x.dim(-2), kx = x.dim(-1), kw = w.dim(-2), n = w.dim(-1);
  if (kx != kw)
    fail(where, "contraction dims differ: x " + shapeToString(x.shape) +
                    ", w " + shapeToString(w.shape));

  std::vector<int64_t> xBatch(x.shape.begin(), x.shape.end() - 2);
  std::vector<int64_t> wBatch(w.shape.begin(), w.shape.end() - 2);
  std::vector<int64_t> batch = broadcastShapes(where, xBatch, wBatch);
  // Strides in units of whole matrices.
  std::vector<int64_t> xStrides =
      detail::broadcastStrides(where, "x", xBatch, batch);
  std::vector<int64_t> wStrides =
      detail::broadcastStrides(where, "w", wBatch, batch);

  std::vector<int64_t> outShape = batch;
  outShape.push_back(m);
  outShape.push_back(n);
  Tensor out(outShape);

  const int64_t numBatches = numelOf(batch);
  for (int64_t bi = 0; bi < numBatches; ++bi) {
    int64_t xm = 0, wm = 0, rest = bi;
    for (size_t d = batch.size(); d-- > 0;) {
      int64_t idx = rest % batch[d];
      rest /= batch[d];
      xm += idx * xStrides[d];
      wm += idx * wStrides[d];
    }
    const double *xp = x.data.data() + xm * m * kx;
    const double *wp = w.data.data() + wm * kx * n;
    double *op = out.data.data() + bi * m * n;
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) {
        double acc = 0.0;
        for (int64_t c = 0; c < kx; ++c)
          acc += xp[i * kx + c] * wp[c * n + j];
        op[i * n + j] = acc;
      }
  }
  return out;
}

Tensor addBias(const Tensor &x, const Tensor &b) {
  const char *where = "addBias";
  detail::expectRank(where, "bias", b, 1);
  if (x.rank() < 1 || x.dim(-1) != b.shape[0])
    fail(where, "bias " + shapeToString(b.shape) +
                    " does not match the last dimension of " +
                    shapeToString(x.shape));
  Tensor out = x;
  const int64_t n = b.shape[0];
  for (size_t i = 0; i < out.data.size(); ++i)
    out.data[i] += b.data[i % n];
  return out;
}

Tensor add(const Tensor &a, const Tensor &b) {
  if (a.shape != b.shape)
    fail("add", "shapes differ: " + shapeToString(a.shape) + " and " +
                    shapeToString(b.shape));
  Tensor out = a;
  for (size_t i = 0; i < out.data.size(); ++i)
    out.data[i] += b.data[i];
  return out;
}

} // namespace attn::ref
