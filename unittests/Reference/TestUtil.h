//===- TestUtil.h - Shared helpers for the reference unit tests -----------===//

#ifndef ATTN_UNITTESTS_REFERENCE_TESTUTIL_H
#define ATTN_UNITTESTS_REFERENCE_TESTUTIL_H

#include "attn/Reference/Reference.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace attn::ref::testing {

/// Checks shape and every element, and reports the first few mismatches.
inline void expectTensorNear(const Tensor &actual,
                             const std::vector<int64_t> &shape,
                             const std::vector<double> &expected,
                             double tol = 1e-12) {
  ASSERT_EQ(actual.shape, shape);
  ASSERT_EQ(actual.data.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_FALSE(std::isnan(actual.data[i])) << "NaN at flat index " << i;
    EXPECT_NEAR(actual.data[i], expected[i], tol) << "at flat index " << i;
  }
}

} // namespace attn::ref::testing

#endif // ATTN_UNITTESTS_REFERENCE_TESTUTIL_H
