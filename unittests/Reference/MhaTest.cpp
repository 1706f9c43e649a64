//===- MhaTest.cpp - attn::ref::mha against hand-computed layers ----------===//
//
// Weights are chosen so each projection is a selection of input columns (or
// zero), which keeps every intermediate value computable by hand.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <stdexcept>

using namespace attn::ref;
using attn::ref::testing::expectTensorNear;

namespace {

MhaOptions heads(int64_t hq, int64_t hkv, int64_t dh) {
  MhaOptions o;
  o.numHeads = hq;
  o.numKvHeads = hkv;
  o.headDim = dh;
  return o;
}

Tensor zeros(int64_t r, int64_t c) { return Tensor({r, c}); }
Tensor eye2() { return Tensor({2, 2}, {1, 0, 0, 1}); }

TEST(Mha, IdentityValuesWithZeroQueriesAverageTheInput) {
  // M = 2, one head, Dh = 2. Wq = 0 -> q = 0 -> uniform attention;
  // Wv = Wo = I -> each output row is the mean of x's rows:
  // x = [[1, 2], [3, 4]] -> [2, 3] for both rows.
  Tensor x({1, 2, 2}, {1, 2, 3, 4});
  MhaOptions o = heads(1, 1, 2);
  expectTensorNear(mha(x, nullptr, zeros(2, 2), eye2(), eye2(), eye2(), nullptr,
                       nullptr, nullptr, nullptr, o),
                   {1, 2, 2}, {2, 3, 2, 3});
  // bv = [1, 1] shifts every value row, so the mean: [3, 4]; bo = [10, 20]
  // is added after Wo: [13, 24].
  Tensor bv({2}, {1, 1}), bo({2}, {10, 20});
  expectTensorNear(mha(x, nullptr, zeros(2, 2), eye2(), eye2(), eye2(), nullptr,
                       nullptr, &bv, &bo, o),
                   {1, 2, 2}, {13, 24, 13, 24});
}

TEST(Mha, QueryAndKeyBiases) {
  // x rows r0 = [0, 2], r1 = [ln3, 6]; scale = 1, one head, Dh = 1.
  // Wq = 0, bq = [1] -> q = 1 for both rows. Wk = [[1], [0]] -> k = [0, ln3].
  // Wv = [[0], [1]] -> v = [2, 6]. Scores [0, ln3] -> weights [1, 3] / 4 ->
  // out = 0.5 + 4.5 = 5 on both rows. Without bq, q = 0 -> uniform -> 4.
  // bk adds the same q * bk to every score, so it changes nothing.
  const double l3 = std::log(3.0);
  Tensor x({1, 2, 2}, {0, 2, l3, 6});
  Tensor wk({2, 1}, {1, 0}), wv({2, 1}, {0, 1}), wo({1, 1}, {1});
  Tensor bq({1}, {1}), bk({1}, {5});
  MhaOptions o = heads(1, 1, 1);
  o.scale = 1.0;
  expectTensorNear(mha(x, nullptr, zeros(2, 1), wk, wv, wo, &bq, nullptr,
                       nullptr, nullptr, o),
                   {1, 2, 1}, {5, 5});
  expectTensorNear(
      mha(x, nullptr, zeros(2, 1), wk, wv, wo, &bq, &bk, nullptr, nullptr, o),
      {1, 2, 1}, {5, 5});
  expectTensorNear(mha(x, nullptr, zeros(2, 1), wk, wv, wo, nullptr, nullptr,
                       nullptr, nullptr, o),
                   {1, 2, 1}, {4, 4});
}

TEST(Mha, HeadsOwnColumnsOfWvAndRowsOfWo) {
  // Two heads, Dh = 1, Wq = Wk = 0 (uniform over visible keys), Wv = I so
  // head 0's values are x[:, 0] = [1, 3] and head 1's are x[:, 1] = [2, 4].
  // Causal top-left: row 0 sees key 0, row 1 sees keys 0 and 1.
  //   head 0 -> [1, 2]; head 1 -> [2, 3]; merged rows [1, 2] and [2, 3].
  // Wo = [[0, 1, 0], [10, 0, 1]] maps [a, b] -> [10 b, a, b]:
  //   row 0 -> [20, 1, 2]; row 1 -> [30, 2, 3].
  Tensor x({1, 2, 2}, {1, 2, 3, 4});
  Tensor wo({2, 3}, {0, 1, 0, 10, 0, 1});
  MhaOptions o = heads(2, 2, 1);
  o.causal = true;
  o.causalOffset = 0;
  expectTensorNear(mha(x, nullptr, zeros(2, 2), zeros(2, 2), eye2(), wo,
                       nullptr, nullptr, nullptr, nullptr, o),
                   {1, 2, 3}, {20, 1, 2, 30, 2, 3});
}

TEST(Mha, GroupedQueryHeadsShareOneKvHead) {
  // Hq = 2, Hkv = 1, Dh = 1, scale = 1. x rows r0 = [0, 2], r1 = [1, 6].
  // Wq columns: head 0 = [0, 0] (q = 0), head 1 = [ln3, 0] (q = ln3 * x0).
  // Wk = [[1], [0]] -> k = [0, 1]; Wv = [[0], [1]] -> v = [2, 6].
  //   head 0: uniform -> 4 on both rows.
  //   head 1: row 0 q = 0 -> 4; row 1 q = ln3 -> weights [1, 3]/4 -> 5.
  // Wo = I -> y = [[4, 4], [4, 5]].
  const double l3 = std::log(3.0);
  Tensor x({1, 2, 2}, {0, 2, 1, 6});
  Tensor wq({2, 2}, {0, l3, 0, 0});
  Tensor wk({2, 1}, {1, 0}), wv({2, 1}, {0, 1});
  MhaOptions o = heads(2, 1, 1);
  o.scale = 1.0;
  expectTensorNear(mha(x, nullptr, wq, wk, wv, eye2(), nullptr, nullptr,
                       nullptr, nullptr, o),
                   {1, 2, 2}, {4, 4, 4, 5});
}

TEST(Mha, CrossAttentionWithKeyPaddingMask) {
  // x: 1 x 1 x 1, kv: 1 x 2 x 2 (Mkv = 2 != M). Wq = 0 -> uniform.
  // Wv = [[1], [1]] sums each kv row: [1, 2] -> 3, [3, 4] -> 7; mean 5.
  // Wo = [[1, 2, 3]] -> y = [5, 10, 15].
  Tensor x({1, 1, 1}, {9});
  Tensor kv({1, 2, 2}, {1, 2, 3, 4});
  Tensor wk({2, 1}), wv({2, 1}, {1, 1}), wo({1, 3}, {1, 2, 3});
  MhaOptions o = heads(1, 1, 1);
  expectTensorNear(mha(x, &kv, zeros(1, 1), wk, wv, wo, nullptr, nullptr,
                       nullptr, nullptr, o),
                   {1, 1, 3}, {5, 10, 15});
  // Keep only key 0 -> value 3 -> [3, 6, 9].
  Tensor mask({1, 1, 1, 2}, {1, 0});
  expectTensorNear(mha(x, &kv, zeros(1, 1), wk, wv, wo, nullptr, nullptr,
                       nullptr, nullptr, o, &mask, MaskKind::Boolean),
                   {1, 1, 3}, {3, 6, 9});
}

TEST(Mha, RejectsBadShapes) {
  Tensor x({1, 2, 2});
  MhaOptions o = heads(2, 2, 1);
  // Wq must be [M, Hq * Dh] = [2, 2].
  EXPECT_THROW(mha(x, nullptr, zeros(2, 3), eye2(), eye2(), eye2(), nullptr,
                   nullptr, nullptr, nullptr, o),
               std::invalid_argument);
  // Wo must have Hq * Dh = 2 rows.
  EXPECT_THROW(mha(x, nullptr, eye2(), eye2(), eye2(), zeros(3, 2), nullptr,
                   nullptr, nullptr, nullptr, o),
               std::invalid_argument);
  Tensor badBias({3});
  EXPECT_THROW(mha(x, nullptr, eye2(), eye2(), eye2(), eye2(), &badBias,
                   nullptr, nullptr, nullptr, o),
               std::invalid_argument);
  // 3 query heads cannot share 2 KV heads.
  MhaOptions odd = heads(3, 2, 1);
  EXPECT_THROW(mha(x, nullptr, zeros(2, 3), eye2(), eye2(), zeros(3, 2),
                   nullptr, nullptr, nullptr, nullptr, odd),
               std::invalid_argument);
  Tensor kvOtherBatch({2, 2, 2});
  EXPECT_THROW(mha(x, &kvOtherBatch, eye2(), eye2(), eye2(), eye2(), nullptr,
                   nullptr, nullptr, nullptr, o),
               std::invalid_argument);
  EXPECT_THROW(mha(x, nullptr, eye2(), eye2(), eye2(), eye2(), nullptr, nullptr,
                   nullptr, nullptr, heads(0, 0, 0)),
               std::invalid_argument);
}

} // namespace
