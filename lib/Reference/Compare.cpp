//===- Compare.cpp - Tolerance checks of results against the reference ----===//

#include "Internal.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace attn::ref {

Tolerance toleranceFor(DType type) {
  // Sized for f32 accumulation: f16 has an 11-bit and bf16 an 8-bit
  // significand, so their rounding of inputs and outputs dominates.
  switch (type) {
  case DType::F32:
    return {1e-5, 1e-4};
  case DType::F16:
    return {1e-3, 1e-2};
  case DType::BF16:
    return {1e-2, 4e-2};
  }
  detail::fail("toleranceFor", "unknown dtype");
}

CompareResult compare(const Tensor &ref, const std::vector<double> &actual,
                      Tolerance tol) {
  if (static_cast<int64_t>(ref.data.size()) != ref.numel())
    detail::fail("compare", "reference data size does not match its shape " +
                                shapeToString(ref.shape));
  if (actual.size() != ref.data.size())
    detail::fail("compare", "reference has " + std::to_string(ref.data.size()) +
                                " elements, actual has " +
                                std::to_string(actual.size()));
  const double inf = std::numeric_limits<double>::infinity();
  CompareResult res;
  res.numElements = static_cast<int64_t>(actual.size());
  double worstRatio = -1.0;

  for (size_t i = 0; i < actual.size(); ++i) {
    const double r = ref.data[i], a = actual[i];
    double err, rel, ratio;
    bool ok;
    if (!std::isfinite(r) || !std::isfinite(a)) {
      // Non-finite values must match exactly: NaN with NaN, inf with the
      // same-signed inf. Anything else is an unbounded error.
      ok = (std::isnan(r) && std::isnan(a)) || r == a;
      err = rel = ratio = ok ? 0.0 : inf;
    } else {
      err = std::fabs(a - r);
      const double allowed = tol.atol + tol.rtol * std::fabs(r);
      ok = err <= allowed;
      ratio = allowed > 0.0 ? err / allowed : (err > 0.0 ? inf : 0.0);
      const double denom = std::max(std::fabs(r), tol.atol);
      rel = denom > 0.0 ? err / denom : (err > 0.0 ? inf : 0.0);
    }
    if (!ok)
      ++res.numViolations;
    res.maxAbsErr = std::max(res.maxAbsErr, err);
    res.maxRelErr = std::max(res.maxRelErr, rel);
    if (ratio > worstRatio) {
      worstRatio = ratio;
      res.worstIndex = static_cast<int64_t>(i);
      res.worstRef = r;
      res.worstActual = a;
    }
  }
  res.pass = res.numViolations == 0;
  return res;
}

std::string describe(const CompareResult &result,
                     const std::vector<int64_t> &shape, Tolerance tol) {
  std::ostringstream os;
  os.precision(9);
  os << (result.pass ? "PASS" : "FAIL") << ": " << result.numViolations
     << " of " << result.numElements << " elements outside atol=" << tol.atol
     << " rtol=" << tol.rtol << "; max abs err " << result.maxAbsErr
     << ", max rel err " << result.maxRelErr;
  if (result.worstIndex >= 0) {
    os << "; worst at ";
    if (numelOf(shape) == result.numElements)
      os << shapeToString(unravelIndex(shape, result.worstIndex));
    else
      os << "flat index " << result.worstIndex;
    os << ": ref " << result.worstRef << ", actual " << result.worstActual;
  }
  return os.str();
}

} // namespace attn::ref
