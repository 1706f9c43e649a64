//===- CompareTest.cpp - Tolerances and compare() -------------------------===//

#include "attn/Reference/Reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

using namespace attn::ref;

namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

TEST(Compare, DefaultTolerances) {
  Tolerance f32 = toleranceFor(DType::F32);
  EXPECT_EQ(f32.atol, 1e-5);
  EXPECT_EQ(f32.rtol, 1e-4);
  Tolerance f16 = toleranceFor(DType::F16);
  EXPECT_EQ(f16.atol, 1e-3);
  EXPECT_EQ(f16.rtol, 1e-2);
  Tolerance bf16 = toleranceFor(DType::BF16);
  EXPECT_EQ(bf16.atol, 1e-2);
  EXPECT_EQ(bf16.rtol, 4e-2);
}

TEST(Compare, ExactlyAtTheBoundaryPasses) {
  // atol 0.25, rtol 0.5, ref 1: allowed |a - r| <= 0.75. All of 0.25, 0.75,
  // 1.75 are exact in binary, so the boundary is exact too.
  Tolerance tol{0.25, 0.5};
  Tensor ref({1}, {1.0});
  CompareResult hi = compare(ref, {1.75}, tol);
  EXPECT_TRUE(hi.pass);
  EXPECT_EQ(hi.maxAbsErr, 0.75);
  EXPECT_EQ(hi.maxRelErr, 0.75);
  EXPECT_EQ(hi.numViolations, 0);
  EXPECT_TRUE(compare(ref, {0.25}, tol).pass);

  CompareResult over = compare(ref, {std::nextafter(1.75, 2.0)}, tol);
  EXPECT_FALSE(over.pass);
  EXPECT_EQ(over.numViolations, 1);
  EXPECT_EQ(over.worstIndex, 0);
  // Below the reference: 1 - (0.25 - 2^-50) = 0.75 + 2^-50 is exact (the
  // spacing near 0.75 is 2^-53), so it is just over the limit.
  EXPECT_FALSE(compare(ref, {0.25 - std::ldexp(1.0, -50)}, tol).pass);
}

TEST(Compare, ZeroReferenceUsesAtol) {
  // ref 0: allowed = atol = 1e-5. maxRelErr divides by max(|r|, atol).
  Tolerance tol = toleranceFor(DType::F32);
  Tensor ref({1}, {0.0});
  CompareResult r = compare(ref, {1e-5}, tol);
  EXPECT_TRUE(r.pass);
  EXPECT_DOUBLE_EQ(r.maxRelErr, 1.0);
  EXPECT_FALSE(compare(ref, {2e-5}, tol).pass);
}

TEST(Compare, WorstIndexAndCounts) {
  // tol {0, 1}: allowed = |r|. Errors [0.1, 0, 0.5] use shares
  // [0.1, 0, 0.5/3] of it, so index 2 is the worst; max rel err = 0.5/3.
  Tensor ref({3}, {1, 2, 3});
  CompareResult r = compare(ref, {1.1, 2, 3.5}, Tolerance{0, 1});
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(r.worstIndex, 2);
  EXPECT_EQ(r.worstRef, 3);
  EXPECT_EQ(r.worstActual, 3.5);
  EXPECT_DOUBLE_EQ(r.maxAbsErr, 0.5);
  EXPECT_DOUBLE_EQ(r.maxRelErr, 0.5 / 3);
  EXPECT_EQ(r.numElements, 3);

  // Two of four elements off by 1 with tol {0.5, 0}.
  Tensor ref2({2, 2}, {0, 0, 0, 0});
  CompareResult r2 = compare(ref2, {0, 1, 0.5, -1}, Tolerance{0.5, 0});
  EXPECT_FALSE(r2.pass);
  EXPECT_EQ(r2.numViolations, 2);
  EXPECT_EQ(r2.worstIndex, 1); // first of the two equally bad elements
  std::string text = describe(r2, ref2.shape, Tolerance{0.5, 0});
  EXPECT_NE(text.find("FAIL"), std::string::npos) << text;
  EXPECT_NE(text.find("[0, 1]"), std::string::npos) << text;
}

TEST(Compare, NonFiniteValuesMustMatch) {
  Tolerance tol = toleranceFor(DType::BF16);
  // NaN where the reference is finite fails, however loose the tolerance.
  CompareResult nan = compare(Tensor({2}, {1, 2}), {1, kNaN}, tol);
  EXPECT_FALSE(nan.pass);
  EXPECT_EQ(nan.worstIndex, 1);
  EXPECT_EQ(nan.maxAbsErr, kInf);
  EXPECT_FALSE(compare(Tensor({1}, {kNaN}), {1}, tol).pass);
  // Matching NaN and same-signed infinities pass.
  EXPECT_TRUE(compare(Tensor({1}, {kNaN}), {kNaN}, tol).pass);
  EXPECT_TRUE(compare(Tensor({2}, {kInf, -kInf}), {kInf, -kInf}, tol).pass);
  EXPECT_FALSE(compare(Tensor({1}, {kInf}), {-kInf}, tol).pass);
  EXPECT_FALSE(compare(Tensor({1}, {1e30}), {kInf}, tol).pass);
  EXPECT_FALSE(compare(Tensor({1}, {kInf}), {1e30}, tol).pass);
}

TEST(Compare, SizeMismatchThrows) {
  EXPECT_THROW(compare(Tensor({2}), {1.0}, Tolerance{}), std::invalid_argument);
}

} // namespace
