//===- HelpersTest.cpp - Tensor, matmul, activations, head split/merge ----===//

#include "TestUtil.h"

#include <limits>
#include <stdexcept>

using namespace attn::ref;
using attn::ref::testing::expectTensorNear;

namespace {

TEST(Tensor, ShapeIndexAndValidation) {
  Tensor t({2, 3});
  EXPECT_EQ(t.numel(), 6);
  EXPECT_EQ(t.rank(), 2);
  EXPECT_EQ(t.dim(-1), 3);
  EXPECT_EQ(t.index({1, 2}), 5);
  t.at({1, 0}) = 7;
  EXPECT_EQ(t.data[3], 7);
  EXPECT_EQ(unravelIndex({2, 3}, 5), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(Tensor(std::vector<int64_t>{}).numel(), 1); // rank 0: 1 element
  EXPECT_THROW(t.index({2, 0}), std::out_of_range);
  EXPECT_THROW(Tensor({2, 2}, {1, 2, 3}), std::invalid_argument);
  EXPECT_THROW(Tensor({-1}), std::invalid_argument);
}

TEST(Matmul, PlainBatchedAndBroadcast) {
  // [[1, 2], [3, 4]] . [[5, 6], [7, 8]] = [[19, 22], [43, 50]].
  Tensor w({2, 2}, {5, 6, 7, 8});
  expectTensorNear(matmul(Tensor({2, 2}, {1, 2, 3, 4}), w), {2, 2},
                   {19, 22, 43, 50});
  // A 2-D weight is shared by every batch.
  expectTensorNear(matmul(Tensor({2, 1, 2}, {1, 2, 3, 4}), w), {2, 1, 2},
                   {19, 22, 43, 50});
  // Batched weight: w0 = I, w1 = 2 I.
  Tensor wb({2, 2, 2}, {1, 0, 0, 1, 2, 0, 0, 2});
  expectTensorNear(matmul(Tensor({2, 1, 2}, {1, 2, 3, 4}), wb), {2, 1, 2},
                   {1, 2, 6, 8});
  // Batch dims [2, 1] and [3] broadcast to [2, 3]. w_b = [[b + 1], [1]]:
  // x0 = [1, 2] -> 1 (b + 1) + 2 = [3, 4, 5]; x1 = [3, 4] -> [7, 10, 13].
  Tensor xs({2, 1, 1, 2}, {1, 2, 3, 4});
  Tensor ws({3, 2, 1}, {1, 1, 2, 1, 3, 1});
  expectTensorNear(matmul(xs, ws), {2, 3, 1, 1}, {3, 4, 5, 7, 10, 13});
  EXPECT_THROW(matmul(Tensor({2, 3}), w), std::invalid_argument);
  EXPECT_THROW(matmul(Tensor({2, 1, 2}), Tensor({3, 2, 2})),
               std::invalid_argument);
}

TEST(Elementwise, BiasAddAndActivations) {
  Tensor x({2, 2}, {1, -2, 0, 4});
  expectTensorNear(addBias(x, Tensor({2}, {10, 20})), {2, 2}, {11, 18, 10, 24});
  expectTensorNear(add(x, x), {2, 2}, {2, -4, 0, 8});
  expectTensorNear(relu(x), {2, 2}, {1, 0, 0, 4});
  EXPECT_THROW(addBias(x, Tensor({3})), std::invalid_argument);
  EXPECT_THROW(add(x, Tensor({4})), std::invalid_argument);

  // GELU(0) = 0 in both forms. At +-1 (from the definitions):
  // tanh form: 0.5 (1 + tanh(sqrt(2/pi) * 1.044715)) = 0.8411919906082768,
  // erf form:  0.5 (1 + erf(1/sqrt(2)))               = 0.8413447460685429,
  // and GELU(-x) = GELU(x) - x.
  Tensor g({3}, {0, 1, -1});
  expectTensorNear(geluTanh(g), {3},
                   {0, 0.8411919906082768, 0.8411919906082768 - 1}, 1e-14);
  expectTensorNear(geluErf(g), {3},
                   {0, 0.8413447460685429, 0.8413447460685429 - 1}, 1e-14);
}

TEST(Elementwise, SoftmaxLastDim) {
  // [0, ln3] -> [1, 3]/4; an all -inf row gives zeros, like sdpa.
  const double inf = std::numeric_limits<double>::infinity();
  Tensor x({2, 2}, {0, std::log(3.0), -inf, -inf});
  expectTensorNear(softmaxLastDim(x), {2, 2}, {0.25, 0.75, 0, 0});
}

TEST(Heads, SplitAndMergeAreInverse) {
  // Rows [1 2 | 3 4] and [5 6 | 7 8], two heads of width 2:
  // head 0 = [[1, 2], [5, 6]], head 1 = [[3, 4], [7, 8]].
  Tensor x({1, 2, 4}, {1, 2, 3, 4, 5, 6, 7, 8});
  Tensor split = splitHeads(x, 2);
  expectTensorNear(split, {1, 2, 2, 2}, {1, 2, 5, 6, 3, 4, 7, 8});
  expectTensorNear(mergeHeads(split), {1, 2, 4}, x.data);
  EXPECT_THROW(splitHeads(x, 3), std::invalid_argument);
}

} // namespace
