//===- Norm.cpp - Reference layer norm and residual blocks ----------------===//

#include "Internal.h"

#include <cmath>

namespace attn::ref {

using detail::fail;

Tensor layerNorm(const Tensor &x, const Tensor &gamma, const Tensor &beta,
                 double eps) {
  const char *where = "layerNorm";
  if (x.rank() < 1)
    fail(where, "input must have rank >= 1");
  detail::expectRank(where, "x", x, x.rank());
  detail::expectRank(where, "gamma", gamma, 1);
  detail::expectRank(where, "beta", beta, 1);
  const int64_t n = x.dim(-1);
  const double count = static_cast<double>(n);
  if (gamma.shape[0] != n || beta.shape[0] != n)
    fail(where, "gamma " + shapeToString(gamma.shape) + " and beta " +
                    shapeToString(beta.shape) +
                    " must match the last dimension of " +
                    shapeToString(x.shape));
  Tensor out = x;
  if (n == 0)
    return out;
  for (size_t row = 0; row < out.data.size(); row += n) {
    double *p = &out.data[row];
    // Two passes (mean, then centered squares) avoid the cancellation of
    // E[x^2] - E[x]^2; the divisor is n, i.e. the biased variance.
    double mean = 0.0;
    for (int64_t j = 0; j < n; ++j)
      mean += p[j];
    mean /= count;
    double var = 0.0;
    for (int64_t j = 0; j < n; ++j)
      var += (p[j] - mean) * (p[j] - mean);
    var /= count;
    const double inv = 1.0 / std::sqrt(var + eps);
    for (int64_t j = 0; j < n; ++j)
      p[j] = (p[j] - mean) * inv * gamma.data[j] + beta.data[j];
  }
  return out;
}

Tensor residual(const Tensor &x,
                const std::function<Tensor(const Tensor &)> &body,
                NormPlacement placement, const Tensor *gamma,
                const Tensor *beta, double eps) {
  const char *where = "residual";
  if (!body)
    fail(where, "no body function given");
  if (placement != NormPlacement::None && (!gamma || !beta))
    fail(where, "pre/post layer norm needs gamma and beta");

  auto checkedBody = [&](const Tensor &in) {
    Tensor y = body(in);
    if (y.shape != x.shape)
      fail(where, "body returned shape " + shapeToString(y.shape) +
                      ", expected the input's " + shapeToString(x.shape));
    return y;
  };

  switch (placement) {
  case NormPlacement::None:
    return add(x, checkedBody(x));
  case NormPlacement::Pre:
    return add(x, checkedBody(layerNorm(x, *gamma, *beta, eps)));
  case NormPlacement::Post:
    return layerNorm(add(x, checkedBody(x)), *gamma, *beta, eps);
  }
  fail(where, "unknown norm placement");
}

} // namespace attn::ref
