//===- NormTest.cpp - layerNorm and residual blocks -----------------------===//

#include "TestUtil.h"

#include <stdexcept>

using namespace attn::ref;
using attn::ref::testing::expectTensorNear;

namespace {

TEST(LayerNorm, AffineOnTwoElements) {
  // x = [1, 3]: mean 2, biased var ((-1)^2 + 1^2)/2 = 1, eps = 0 -> [-1, 1];
  // * gamma [2, 3] + beta [1, 1] -> [-1, 4].
  Tensor x({1, 2}, {1, 3});
  expectTensorNear(layerNorm(x, Tensor({2}, {2, 3}), Tensor({2}, {1, 1}), 0.0),
                   {1, 2}, {-1, 4});
}

TEST(LayerNorm, EpsilonAndConstantRows) {
  // Row [1, 3]: var 1, eps 3 -> divide by sqrt(4) = 2 -> [-0.5, 0.5].
  // Row [10, 10]: var 0 -> centered values are 0 -> [0, 0] (no NaN).
  Tensor x({2, 2}, {1, 3, 10, 10});
  Tensor one({2}, {1, 1}), zero({2}, {0, 0});
  expectTensorNear(layerNorm(x, one, zero, 3.0), {2, 2}, {-0.5, 0.5, 0, 0});
}

TEST(LayerNorm, UsesBiasedVariance) {
  // x = [1, 2, 3, 4]: mean 2.5, biased var (2.25 + 0.25 + 0.25 + 2.25)/4
  // = 1.25 (unbiased would be 5/3). y = (x - 2.5)/sqrt(1.25):
  // 1.5/1.1180339887498949 = 1.3416407864998738,
  // 0.5/1.1180339887498949 = 0.4472135954999579.
  Tensor x({1, 1, 4}, {1, 2, 3, 4});
  Tensor one({4}, {1, 1, 1, 1}), zero({4});
  expectTensorNear(layerNorm(x, one, zero, 0.0), {1, 1, 4},
                   {-1.3416407864998738, -0.4472135954999579,
                    0.4472135954999579, 1.3416407864998738});
}

TEST(LayerNorm, RejectsMismatchedGamma) {
  Tensor x({2, 3});
  EXPECT_THROW(layerNorm(x, Tensor({2}), Tensor({3}), 1e-5),
               std::invalid_argument);
}

TEST(Residual, PlacementsOfTheNorm) {
  // F(t) = 2 t, x = [1, 3], LN with gamma 1, beta 0, eps 0 maps [a, b]
  // (a < b) to [-1, 1].
  auto twice = [](const Tensor &t) {
    Tensor out = t;
    for (double &e : out.data)
      e *= 2;
    return out;
  };
  Tensor x({1, 2}, {1, 3});
  Tensor g({2}, {1, 1}), b({2}, {0, 0});
  // None: x + 2x = [3, 9].
  expectTensorNear(residual(x, twice, NormPlacement::None), {1, 2}, {3, 9});
  // Pre: x + 2 LN(x) = [1 - 2, 3 + 2] = [-1, 5].
  expectTensorNear(residual(x, twice, NormPlacement::Pre, &g, &b, 0.0), {1, 2},
                   {-1, 5});
  // Post: LN(x + 2x) = LN([3, 9]) = [-1, 1].
  expectTensorNear(residual(x, twice, NormPlacement::Post, &g, &b, 0.0), {1, 2},
                   {-1, 1});
}

TEST(Residual, RejectsMissingNormParamsAndBadBody) {
  Tensor x({1, 2}, {1, 3});
  auto identity = [](const Tensor &t) { return t; };
  EXPECT_THROW(residual(x, identity, NormPlacement::Pre),
               std::invalid_argument);
  auto wrongShape = [](const Tensor &) { return Tensor({3}); };
  EXPECT_THROW(residual(x, wrongShape, NormPlacement::None),
               std::invalid_argument);
}

} // namespace
