//===- Tensor.cpp - The reference's dense tensor and shape helpers --------===//

#include "Internal.h"

#include <sstream>
#include <stdexcept>

namespace attn::ref {

int64_t numelOf(const std::vector<int64_t> &shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      throw std::invalid_argument("negative dimension in shape " +
                                  shapeToString(shape));
    n *= d;
  }
  return n;
}

std::string shapeToString(const std::vector<int64_t> &shape) {
  std::ostringstream os;
  os << '[';
  for (size_t i = 0; i < shape.size(); ++i)
    os << (i ? ", " : "") << shape[i];
  os << ']';
  return os.str();
}

Tensor::Tensor(std::vector<int64_t> shapeIn)
    : shape(std::move(shapeIn)), data(numelOf(shape), 0.0) {}

Tensor::Tensor(std::vector<int64_t> shapeIn, std::vector<double> dataIn)
    : shape(std::move(shapeIn)), data(std::move(dataIn)) {
  int64_t n = numelOf(shape);
  if (static_cast<int64_t>(data.size()) != n)
    throw std::invalid_argument(
        "Tensor: shape " + shapeToString(shape) + " needs " +
        std::to_string(n) + " elements, got " + std::to_string(data.size()));
}

int64_t Tensor::dim(int64_t i) const {
  int64_t r = rank();
  int64_t j = i < 0 ? i + r : i;
  if (j < 0 || j >= r)
    throw std::out_of_range("Tensor::dim: dimension " + std::to_string(i) +
                            " out of range for shape " + shapeToString(shape));
  return shape[j];
}

int64_t Tensor::index(const std::vector<int64_t> &idx) const {
  if (idx.size() != shape.size())
    throw std::out_of_range("Tensor::index: " + std::to_string(idx.size()) +
                            " indices for shape " + shapeToString(shape));
  int64_t flat = 0;
  for (size_t i = 0; i < idx.size(); ++i) {
    if (idx[i] < 0 || idx[i] >= shape[i])
      throw std::out_of_range("Tensor::index: index " + shapeToString(idx) +
                              " out of range for shape " +
                              shapeToString(shape));
    flat = flat * shape[i] + idx[i];
  }
  return flat;
}

std::vector<int64_t> unravelIndex(const std::vector<int64_t> &shape,
                                  int64_t flat) {
  if (flat < 0 || flat >= numelOf(shape))
    throw std::out_of_range("unravelIndex: " + std::to_string(flat) +
                            " out of range for shape " + shapeToString(shape));
  std::vector<int64_t> idx(shape.size());
  for (size_t i = shape.size(); i-- > 0;) {
    idx[i] = flat % shape[i];
    flat /= shape[i];
  }
  return idx;
}

namespace detail {

void fail(const std::string &where, const std::string &what) {
  throw std::invalid_argument(where + ": " + what);
}

void expectRank(const std::string &where, const std::string &name,
                const Tensor &t, int64_t rank) {
  if (t.rank() != rank)
    fail(where, name + " must have rank " + std::to_string(rank) +
                    ", got shape " + shapeToString(t.shape));
  if (static_cast<int64_t>(t.data.size()) != t.numel())
    fail(where, name + " has " + std::to_string(t.data.size()) +
                    " elements but shape " + shapeToString(t.shape));
}

std::vector<int64_t> broadcastStrides(const std::string &where,
                                      const std::string &name,
                                      const std::vector<int64_t> &shape,
                                      const std::vector<int64_t> &target) {
  if (shape.size() > target.size())
    fail(where, name + " of shape " + shapeToString(shape) +
                    " has higher rank than " + shapeToString(target));
  std::vector<int64_t> strides(target.size(), 0);
  size_t lead = target.size() - shape.size();
  int64_t stride = 1;
  for (size_t i = shape.size(); i-- > 0;) {
    if (shape[i] != 1 && shape[i] != target[lead + i])
      fail(where, name + " of shape " + shapeToString(shape) +
                      " does not broadcast to " + shapeToString(target));
    // Size-1 dimensions repeat, so they are read with stride 0.
    strides[lead + i] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

} // namespace detail
} // namespace attn::ref
