//===- Activation.cpp - Reference elementwise activations and softmax -----===//

#include "Internal.h"

#include <cmath>
#include <limits>

namespace attn::ref {

namespace {

template <typename Fn> Tensor map(const Tensor &x, Fn fn) {
  Tensor out = x;
  for (double &e : out.data)
    e = fn(e);
  return out;
}

} // namespace

Tensor geluTanh(const Tensor &x) {
  // sqrt(2/pi), spelled out so no platform M_PI is needed.
  const double k = std::sqrt(2.0 / 3.14159265358979323846);
  return map(x, [k](double e) {
    return 0.5 * e * (1.0 + std::tanh(k * (e + 0.044715 * e * e * e)));
  });
}

Tensor geluErf(const Tensor &x) {
  const double invSqrt2 = 1.0 / std::sqrt(2.0);
  return map(x, [invSqrt2](double e) {
    return 0.5 * e * (1.0 + std::erf(e * invSqrt2));
  });
}

Tensor relu(const Tensor &x) {
  // Written as a comparison (not fmax) so NaN propagates like PyTorch's relu.
  return map(x, [](double e) { return e < 0.0 ? 0.0 : e; });
}

Tensor softmaxLastDim(const Tensor &x) {
  if (x.rank() < 1)
    detail::fail("softmaxLastDim", "input must have rank >= 1");
  Tensor out = x;
  const int64_t n = x.dim(-1);
  if (n == 0)
    return out;
  for (size_t row = 0; row < out.data.size(); row += n) {
    double *p = &out.data[row];
    double mx = -std::numeric_limits<double>::infinity();
    for (int64_t j = 0; j < n; ++j)
      mx = std::fmax(mx, p[j]);
    // An all -inf row has no defined softmax; give zeros as sdpa does.
    if (mx == -std::numeric_limits<double>::infinity()) {
      for (int64_t j = 0; j < n; ++j)
        p[j] = 0.0;
      continue;
    }
    double sum = 0.0;
    for (int64_t j = 0; j < n; ++j)
      sum += (p[j] = std::exp(p[j] - mx));
    for (int64_t j = 0; j < n; ++j)
      p[j] /= sum;
  }
  return out;
}

} // namespace attn::ref
