//===- ReferenceTest.cpp - attn::ref::sdpa against hand-computed cases ----===//
//
// Every expected value below is worked out by hand in the comments; none is
// produced by running another implementation. Most cases make the scores
// uniform (Q = 0), so softmax gives equal weights and the output is the plain
// mean of the visible V rows -- that isolates masking/causality/grouping from
// the exp() arithmetic.
//
//===----------------------------------------------------------------------===//

#include "TestUtil.h"

#include <limits>
#include <stdexcept>

using namespace attn::ref;
using attn::ref::testing::expectTensorNear;

namespace {

const double kInf = std::numeric_limits<double>::infinity();

/// 1 x 1 x S x 1 tensor holding `values`.
Tensor column(std::vector<double> values) {
  int64_t n = static_cast<int64_t>(values.size());
  return Tensor({1, 1, n, 1}, std::move(values));
}

SdpaOptions causalWith(std::optional<int64_t> offset) {
  SdpaOptions o;
  o.causal = true;
  o.causalOffset = offset;
  return o;
}

/// The message of the std::invalid_argument `fn` throws ("" if none).
template <typename Fn> std::string thrownMessage(Fn fn) {
  try {
    fn();
  } catch (const std::invalid_argument &e) {
    return e.what();
  }
  return "";
}

TEST(Sdpa, TwoByTwoExplicitScale) {
  // scale = 1, Q = [1; 2], K = [0; 1], V = [10; 20].
  // Row 0: scores [0, 1] -> weights [1, e] / (1 + e);
  //   out = 10 + 10 e / (1 + e) = 10 + 10 * 0.7310585786300049 = 17.3105857863
  // Row 1: scores [0, 2] -> out = 10 + 10 e^2 / (1 + e^2)
  //   = 10 + 10 * 0.8807970779778823 = 18.8079707798
  SdpaOptions o;
  o.scale = 1.0;
  Tensor out = sdpa(column({1, 2}), column({0, 1}), column({10, 20}), nullptr,
                    MaskKind::None, o);
  expectTensorNear(out, {1, 1, 2, 1}, {17.310585786300049, 18.807970779778823},
                   1e-12);
}

TEST(Sdpa, DefaultScaleIsInverseSqrtHeadDim) {
  // D = 4 -> scale 1/2. q = [1,1,1,1], k0 = 0, k1 = [c,c,c,c], c = ln(3)/2:
  // q.k1 = 2 ln 3, scaled ln 3 -> weights [1, 3] / 4; V = [0; 4] -> 3.
  const double c = std::log(3.0) / 2;
  Tensor q({1, 1, 1, 4}, {1, 1, 1, 1});
  Tensor k({1, 1, 2, 4}, {0, 0, 0, 0, c, c, c, c});
  Tensor v({1, 1, 2, 1}, {0, 4});
  expectTensorNear(sdpa(q, k, v), {1, 1, 1, 1}, {3.0});

  // With scale = 1 the score is 2 ln 3 -> weights [1, 9] / 10 -> 3.6.
  SdpaOptions o;
  o.scale = 1.0;
  expectTensorNear(sdpa(q, k, v, nullptr, MaskKind::None, o), {1, 1, 1, 1},
                   {3.6});
}

TEST(Sdpa, UniformScoresGiveMeanOfV) {
  // Q = 0 -> every score 0 -> out = mean of V rows = [(1+3+5)/3, (2+4+9)/3].
  Tensor q({1, 1, 1, 2}, {0, 0});
  Tensor k({1, 1, 3, 2}, {1, 2, 3, 4, 5, 6});
  Tensor v({1, 1, 3, 2}, {1, 2, 3, 4, 5, 9});
  expectTensorNear(sdpa(q, k, v), {1, 1, 1, 2}, {3, 5});
}

TEST(Sdpa, CausalTopLeftVersusBottomRight) {
  // Sq = 2, Skv = 3, uniform scores, V = [3, 6, 12]. Row i sees j <= i + off.
  Tensor q({1, 1, 2, 1}, {0, 0});
  Tensor k = column({1, 2, 3});
  Tensor v = column({3, 6, 12});
  // Top-left (offset 0): row 0 sees {0} -> 3; row 1 sees {0,1} -> 4.5.
  expectTensorNear(sdpa(q, k, v, nullptr, MaskKind::None, causalWith(0)),
                   {1, 1, 2, 1}, {3, 4.5});
  // Default = Skv - Sq = 1 (bottom-right): row 0 sees {0,1} -> 4.5;
  // row 1 sees {0,1,2} -> 7.
  expectTensorNear(
      sdpa(q, k, v, nullptr, MaskKind::None, causalWith(std::nullopt)),
      {1, 1, 2, 1}, {4.5, 7});
  // Offset -1: row 0 sees nothing -> 0 (not NaN); row 1 sees {0} -> 3.
  expectTensorNear(sdpa(q, k, v, nullptr, MaskKind::None, causalWith(-1)),
                   {1, 1, 2, 1}, {0, 3});
}

TEST(Sdpa, CausalBottomRightWithMoreQueriesThanKeys) {
  // Sq = 3, Skv = 2: default offset -1. V = [3, 6].
  // Row 0 sees nothing -> 0; row 1 sees {0} -> 3; row 2 sees {0,1} -> 4.5.
  Tensor q({1, 1, 3, 1}, {0, 0, 0});
  expectTensorNear(sdpa(q, column({1, 2}), column({3, 6}), nullptr,
                        MaskKind::None, causalWith(std::nullopt)),
                   {1, 1, 3, 1}, {0, 3, 4.5});
}

TEST(Sdpa, GroupedQueryAttentionUsesConsecutiveHeads) {
  // Hq = 4, Hkv = 2, so heads {0,1} read KV head 0 and {2,3} KV head 1.
  // scale = 1, both KV heads have K = [0; 1]; q per head = [0, ln3, 0, ln3].
  // KV head 0: V = [1; 3]; KV head 1: V = [10; 30].
  //   head 0: uniform -> (1 + 3)/2 = 2
  //   head 1: weights [1, 3]/4 -> (1 + 9)/4 = 2.5
  //   head 2: uniform over KV 1 -> 20
  //   head 3: (10 + 90)/4 = 25
  // The interleaved grouping h % Hkv would give [2, 25, 2, 25] instead.
  const double l3 = std::log(3.0);
  Tensor q({1, 4, 1, 1}, {0, l3, 0, l3});
  Tensor k({1, 2, 2, 1}, {0, 1, 0, 1});
  Tensor v({1, 2, 2, 1}, {1, 3, 10, 30});
  SdpaOptions o;
  o.scale = 1.0;
  expectTensorNear(sdpa(q, k, v, nullptr, MaskKind::None, o), {1, 4, 1, 1},
                   {2, 2.5, 20, 25});
}

TEST(Sdpa, GroupsOfTwoOverThreeKvHeadsAndMqa) {
  // Skv = 1: every query head returns its KV head's single V value.
  Tensor q({1, 6, 1, 1}, {1, 2, 3, 4, 5, 6});
  Tensor k({1, 3, 1, 1}, {7, 8, 9});
  Tensor v({1, 3, 1, 1}, {1, 2, 3});
  expectTensorNear(sdpa(q, k, v), {1, 6, 1, 1}, {1, 1, 2, 2, 3, 3});
  // MQA: one KV head shared by all three query heads.
  Tensor q3({1, 3, 1, 1}, {1, 2, 3});
  Tensor k1({1, 1, 1, 1}, {5});
  Tensor v1({1, 1, 1, 1}, {42});
  expectTensorNear(sdpa(q3, k1, v1), {1, 3, 1, 1}, {42, 42, 42});
}

TEST(Sdpa, BooleanMask) {
  // Uniform scores, V = [3, 6, 12], rank-2 mask broadcast over B and H.
  // Row 0 keeps {0, 2} -> (3 + 12)/2 = 7.5; row 1 keeps {1} -> 6.
  Tensor q({1, 1, 2, 1}, {0, 0});
  Tensor mask({2, 3}, {1, 0, 1, 0, 1, 0});
  expectTensorNear(
      sdpa(q, column({1, 2, 3}), column({3, 6, 12}), &mask, MaskKind::Boolean),
      {1, 1, 2, 1}, {7.5, 6});
}

TEST(Sdpa, MaskedKeyDoesNotSetTheRowMax) {
  // scale = 1, q = 1, K = [0, 1000, 0]: key 1 has score 1000 but is masked.
  // If its score entered the max, exp(0 - 1000) underflows to 0 for the kept
  // keys and the row becomes 0/0. Kept keys {0, 2} have equal scores:
  // (3 + 12)/2 = 7.5.
  SdpaOptions o;
  o.scale = 1.0;
  Tensor mask({3}, {1, 0, 1});
  expectTensorNear(sdpa(column({1}), column({0, 1000, 0}), column({3, 6, 12}),
                        &mask, MaskKind::Boolean, o),
                   {1, 1, 1, 1}, {7.5});
}

TEST(Sdpa, AdditiveMaskWithNegativeInfinity) {
  // Uniform scores plus bias [0, -inf, ln 2]: weights [1, 0, 2] / 3;
  // out = (3 + 2 * 12) / 3 = 9.
  Tensor mask({1, 3}, {0, -kInf, std::log(2.0)});
  expectTensorNear(sdpa(column({0}), column({1, 2, 3}), column({3, 6, 12}),
                        &mask, MaskKind::Additive),
                   {1, 1, 1, 1}, {9});
}

TEST(Sdpa, LargeFiniteBiasOnlyWeighs) {
  // Row 0: every key has bias -1e9 -> still uniform -> (3 + 6 + 12)/3 = 7.
  //   (Treating -1e9 as "masked" would wrongly give 0.)
  // Row 1: bias [-1e9, 0, -1e9] -> exp(-1e9) == 0 in double -> key 1 -> 6.
  Tensor q({1, 1, 2, 1}, {0, 0});
  Tensor mask({2, 3}, {-1e9, -1e9, -1e9, -1e9, 0, -1e9});
  expectTensorNear(
      sdpa(q, column({1, 2, 3}), column({3, 6, 12}), &mask, MaskKind::Additive),
      {1, 1, 2, 1}, {7, 6});
}

TEST(Sdpa, FullyMaskedRowGivesZeros) {
  // Dv = 2. Row 0 keeps nothing -> [0, 0]; row 1 keeps key 1 -> V[1].
  Tensor q({1, 1, 2, 1}, {0, 0});
  Tensor k({1, 1, 2, 1}, {1, 2});
  Tensor v({1, 1, 2, 2}, {1, 2, 3, 4});
  Tensor boolMask({2, 2}, {0, 0, 0, 1});
  expectTensorNear(sdpa(q, k, v, &boolMask, MaskKind::Boolean), {1, 1, 2, 2},
                   {0, 0, 3, 4});
  Tensor addMask({2, 2}, {-kInf, -kInf, -kInf, 0});
  expectTensorNear(sdpa(q, k, v, &addMask, MaskKind::Additive), {1, 1, 2, 2},
                   {0, 0, 3, 4});
  // Causal (top-left) lets row 0 see only key 0, which the mask drops.
  Tensor keepLast({2}, {0, 1});
  expectTensorNear(sdpa(q, k, v, &keepLast, MaskKind::Boolean, causalWith(0)),
                   {1, 1, 2, 2}, {0, 0, 3, 4});
}

TEST(Sdpa, KeyPaddingMaskBroadcastsOverHeadsAndQueries) {
  // B = 2, H = 2, Sq = 2, Skv = 3, uniform scores.
  // V[b][h][j] = 100 b + 10 h + (j + 1). Mask B x 1 x 1 x Skv:
  // batch 0 keeps {0, 1} -> mean = 100 b + 10 h + 1.5;
  // batch 1 keeps {0}    -> 100 b + 10 h + 1.
  Tensor q({2, 2, 2, 1}, std::vector<double>(8, 0.0));
  Tensor k({2, 2, 3, 1}, std::vector<double>(12, 1.0));
  Tensor v({2, 2, 3, 1});
  for (int64_t b = 0; b < 2; ++b)
    for (int64_t h = 0; h < 2; ++h)
      for (int64_t j = 0; j < 3; ++j)
        v.at({b, h, j, 0}) = static_cast<double>(100 * b + 10 * h + j + 1);
  Tensor mask({2, 1, 1, 3}, {1, 1, 0, 1, 0, 0});
  expectTensorNear(sdpa(q, k, v, &mask, MaskKind::Boolean), {2, 2, 2, 1},
                   {1.5, 1.5, 11.5, 11.5, 101, 101, 111, 111});
}

TEST(Sdpa, PerBatchQueriesStayInTheirBatch) {
  // B = 2, scale = 1, K = [0; 1] in both batches; q = 0 in batch 0 and ln 3
  // in batch 1. V batch 0 = [2; 4] -> 3; V batch 1 = [4; 8] -> (4 + 24)/4 = 7.
  SdpaOptions o;
  o.scale = 1.0;
  Tensor q({2, 1, 1, 1}, {0, std::log(3.0)});
  Tensor k({2, 1, 2, 1}, {0, 1, 0, 1});
  Tensor v({2, 1, 2, 1}, {2, 4, 4, 8});
  expectTensorNear(sdpa(q, k, v, nullptr, MaskKind::None, o), {2, 1, 1, 1},
                   {3, 7});
}

TEST(Sdpa, NoKeysGivesZeros) {
  Tensor q({1, 1, 2, 1}, {1, 2});
  Tensor k({1, 1, 0, 1});
  Tensor v({1, 1, 0, 3});
  expectTensorNear(sdpa(q, k, v), {1, 1, 2, 3}, {0, 0, 0, 0, 0, 0});
}

TEST(Sdpa, RejectsBadShapes) {
  Tensor q({1, 3, 1, 2}), k({1, 2, 1, 2}), v({1, 2, 1, 2});
  EXPECT_NE(thrownMessage([&] { sdpa(q, k, v); }).find("multiple"),
            std::string::npos);

  Tensor q2({1, 2, 1, 2}), k3({1, 2, 1, 3});
  EXPECT_NE(thrownMessage([&] { sdpa(q2, k3, v); }).find("head dims"),
            std::string::npos);

  Tensor vShort({1, 2, 2, 2});
  EXPECT_NE(
      thrownMessage([&] { sdpa(q2, k, vShort); }).find("sequence lengths"),
      std::string::npos);

  Tensor rank3({2, 1, 2});
  EXPECT_NE(thrownMessage([&] { sdpa(rank3, k, v); }).find("rank 4"),
            std::string::npos);

  Tensor badMask({2, 2});
  EXPECT_NE(thrownMessage([&] {
              sdpa(q2, k, v, &badMask, MaskKind::Boolean);
            }).find("does not broadcast"),
            std::string::npos);

  Tensor rank5({1, 1, 1, 1, 1});
  EXPECT_THROW(sdpa(q2, k, v, &rank5, MaskKind::Boolean),
               std::invalid_argument);

  Tensor okMask({1});
  EXPECT_THROW(sdpa(q2, k, v, &okMask, MaskKind::None), std::invalid_argument);
  EXPECT_THROW(sdpa(q2, k, v, nullptr, MaskKind::Additive),
               std::invalid_argument);
}

} // namespace
