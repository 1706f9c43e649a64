//===- Mha.cpp - Reference multi-head attention layer ---------------------===//
//
// Projections, head split, sdpa, head merge and output projection, each as a
// separate whole-tensor step so the data flow mirrors the op's definition.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

namespace attn::ref {

using detail::fail;

namespace {

const char *const kWhere = "mha";

void expectMatrix(const Tensor &w, const std::string &name, int64_t rows,
                  int64_t cols) {
  detail::expectRank(kWhere, name, w, 2);
  if (w.shape[0] != rows || w.shape[1] != cols)
    fail(kWhere, name + " must have shape " + shapeToString({rows, cols}) +
                     ", got " + shapeToString(w.shape));
}

void expectBias(const Tensor *b, const std::string &name, int64_t n) {
  if (!b)
    return;
  detail::expectRank(kWhere, name, *b, 1);
  if (b->shape[0] != n)
    fail(kWhere, name + " must have shape " + shapeToString({n}) + ", got " +
                     shapeToString(b->shape));
}

/// x.w (+ b) for a B x S x M input.
Tensor project(const Tensor &x, const Tensor &w, const Tensor *b) {
  Tensor y = matmul(x, w);
  return b ? addBias(y, *b) : y;
}

} // namespace

Tensor splitHeads(const Tensor &x, int64_t numHeads) {
  const char *where = "splitHeads";
  detail::expectRank(where, "input", x, 3);
  const int64_t b = x.shape[0], s = x.shape[1], cols = x.shape[2];
  if (numHeads <= 0 || cols % numHeads != 0)
    fail(where, "last dimension " + std::to_string(cols) +
                    " is not a positive multiple of " +
                    std::to_string(numHeads) + " heads");
  const int64_t dh = cols / numHeads;
  Tensor out({b, numHeads, s, dh});
  for (int64_t bi = 0; bi < b; ++bi)
    for (int64_t si = 0; si < s; ++si)
      for (int64_t h = 0; h < numHeads; ++h)
        for (int64_t c = 0; c < dh; ++c)
          out.data[((bi * numHeads + h) * s + si) * dh + c] =
              x.data[(bi * s + si) * cols + h * dh + c];
  return out;
}

Tensor mergeHeads(const Tensor &x) {
  detail::expectRank("mergeHeads", "input", x, 4);
  const int64_t b = x.shape[0], h = x.shape[1], s = x.shape[2], dh = x.shape[3];
  Tensor out({b, s, h * dh});
  for (int64_t bi = 0; bi < b; ++bi)
    for (int64_t hi = 0; hi < h; ++hi)
      for (int64_t si = 0; si < s; ++si)
        for (int64_t c = 0; c < dh; ++c)
          out.data[(bi * s + si) * (h * dh) + hi * dh + c] =
              x.data[((bi * h + hi) * s + si) * dh + c];
  return out;
}

Tensor mha(const Tensor &x, const Tensor *kvInput, const Tensor &wq,
           const Tensor &wk, const Tensor &wv, const Tensor &wo,
           const Tensor *bq, const Tensor *bk, const Tensor *bv,
           const Tensor *bo, const MhaOptions &options, const Tensor *mask,
           MaskKind maskKind) {
  const Tensor &kv = kvInput ? *kvInput : x;
  detail::expectRank(kWhere, "x", x, 3);
  detail::expectRank(kWhere, "key/value input", kv, 3);
  if (kv.shape[0] != x.shape[0])
    fail(kWhere, "x " + shapeToString(x.shape) + " and key/value input " +
                     shapeToString(kv.shape) + " have different batch sizes");

  const int64_t hq = options.numHeads, hkv = options.numKvHeads,
                dh = options.headDim;
  if (hq <= 0 || hkv <= 0 || dh <= 0)
    fail(kWhere, "numHeads, numKvHeads and headDim must be positive (got " +
                     std::to_string(hq) + ", " + std::to_string(hkv) + ", " +
                     std::to_string(dh) + ")");
  if (hq % hkv != 0)
    fail(kWhere, "numHeads (" + std::to_string(hq) +
                     ") must be a multiple of numKvHeads (" +
                     std::to_string(hkv) + ")");

  const int64_t m = x.shape[2], mkv = kv.shape[2];
  expectMatrix(wq, "Wq", m, hq * dh);
  expectMatrix(wk, "Wk", mkv, hkv * dh);
  expectMatrix(wv, "Wv", mkv, hkv * dh);
  detail::expectRank(kWhere, "Wo", wo, 2);
  expectMatrix(wo, "Wo", hq * dh, wo.shape[1]);
  expectBias(bq, "bq", hq * dh);
  expectBias(bk, "bk", hkv * dh);
  expectBias(bv, "bv", hkv * dh);
  expectBias(bo, "bo", wo.shape[1]);

  Tensor q = splitHeads(project(x, wq, bq), hq);
  Tensor k = splitHeads(project(kv, wk, bk), hkv);
  Tensor v = splitHeads(project(kv, wv, bv), hkv);

  SdpaOptions sdpaOptions;
  sdpaOptions.scale = options.scale;
  sdpaOptions.causal = options.causal;
  sdpaOptions.causalOffset = options.causalOffset;
  Tensor heads = sdpa(q, k, v, mask, maskKind, sdpaOptions);

  return project(mergeHeads(heads), wo, bo);
}

} // namespace attn::ref
