//===- Sdpa.cpp - Reference scaled dot-product attention ------------------===//
//
// The most direct reading of attn.sdpa: materialize each score row, apply the
// scale, mask and causal rule, softmax, then weight V. No tiling and no
// online softmax, so it cannot share a bug with the compiled kernels.
//
//===----------------------------------------------------------------------===//

#include "Internal.h"

#include <cmath>
#include <limits>

namespace attn::ref {

using detail::fail;

namespace {

const char *const kWhere = "sdpa";

struct SdpaDims {
  int64_t b, hq, hkv, sq, skv, d, dv;
};

SdpaDims checkShapes(const Tensor &q, const Tensor &k, const Tensor &v) {
  detail::expectRank(kWhere, "Q", q, 4);
  detail::expectRank(kWhere, "K", k, 4);
  detail::expectRank(kWhere, "V", v, 4);
  SdpaDims s{q.shape[0], q.shape[1], k.shape[1], q.shape[2],
             k.shape[2], q.shape[3], v.shape[3]};
  auto shapes = [&] {
    return " (Q " + shapeToString(q.shape) + ", K " + shapeToString(k.shape) +
           ", V " + shapeToString(v.shape) + ")";
  };
  if (k.shape[0] != s.b || v.shape[0] != s.b)
    fail(kWhere, "batch sizes differ" + shapes());
  if (k.shape[3] != s.d)
    fail(kWhere, "Q and K head dims differ" + shapes());
  if (v.shape[1] != s.hkv)
    fail(kWhere, "K and V head counts differ" + shapes());
  if (v.shape[2] != s.skv)
    fail(kWhere, "K and V sequence lengths differ" + shapes());
  if (s.hkv == 0 ? s.hq != 0 : s.hq % s.hkv != 0)
    fail(kWhere, "query heads (" + std::to_string(s.hq) +
                     ") must be a multiple of KV heads (" +
                     std::to_string(s.hkv) + ")" + shapes());
  return s;
}

} // namespace

Tensor sdpa(const Tensor &q, const Tensor &k, const Tensor &v,
            const Tensor *mask, MaskKind maskKind, const SdpaOptions &options) {
  SdpaDims s = checkShapes(q, k, v);

  if ((mask == nullptr) != (maskKind == MaskKind::None))
    fail(kWhere, mask ? "a mask was given with MaskKind::None"
                      : "MaskKind is Boolean/Additive but no mask was given");
  std::vector<int64_t> maskStrides;
  if (mask) {
    if (mask->rank() > 4)
      fail(kWhere,
           "mask rank must be <= 4, got shape " + shapeToString(mask->shape));
    if (static_cast<int64_t>(mask->data.size()) != mask->numel())
      fail(kWhere, "mask data size does not match its shape");
    maskStrides = detail::broadcastStrides(kWhere, "mask", mask->shape,
                                           {s.b, s.hq, s.sq, s.skv});
  }

  if (!options.scale && s.d <= 0)
    fail(kWhere, "head dim must be positive when no scale is given");
  const double scale = options.scale ? *options.scale : 1.0 / std::sqrt(s.d);
  const int64_t offset =
      options.causalOffset ? *options.causalOffset : s.skv - s.sq;
  const int64_t group = s.hkv == 0 ? 1 : s.hq / s.hkv;
  const double negInf = -std::numeric_limits<double>::infinity();

  Tensor out({s.b, s.hq, s.sq, s.dv});
  std::vector<double> scores(s.skv);
  std::vector<bool> keep(s.skv);

  for (int64_t b = 0; b < s.b; ++b) {
    for (int64_t h = 0; h < s.hq; ++h) {
      // Consecutive query heads share a KV head (repeat_interleave order).
      const int64_t kvh = h / group;
      for (int64_t i = 0; i < s.sq; ++i) {
        const double *qRow = q.data.data() + ((b * s.hq + h) * s.sq + i) * s.d;
        double rowMax = negInf;
        bool anyKept = false;
        for (int64_t j = 0; j < s.skv; ++j) {
          bool kept = !options.causal || j <= i + offset;
          double score = 0.0;
          if (kept) {
            const double *kRow =
                k.data.data() + ((b * s.hkv + kvh) * s.skv + j) * s.d;
            double dot = 0.0;
            for (int64_t c = 0; c < s.d; ++c)
              dot += qRow[c] * kRow[c];
            score = scale * dot;
          }
          if (mask) {
            double m = mask->data[b * maskStrides[0] + h * maskStrides[1] +
                                  i * maskStrides[2] + j * maskStrides[3]];
            if (maskKind == MaskKind::Boolean)
              kept = kept && m != 0.0;
            else if (m == negInf)
              kept = false;
            else
              score += m; // A finite bias (even -1e9) only weighs the key.
          }
          keep[j] = kept;
          scores[j] = score;
          if (kept) {
            anyKept = true;
            rowMax = std::fmax(rowMax, score);
          }
        }

        double *oRow = out.data.data() + ((b * s.hq + h) * s.sq + i) * s.dv;
        if (!anyKept)
          continue; // Fully masked row: zeros by definition, never NaN.

        // Subtracting the max keeps every exp() <= 1 and the sum >= 1.
        double sum = 0.0;
        for (int64_t j = 0; j < s.skv; ++j) {
          scores[j] = keep[j] ? std::exp(scores[j] - rowMax) : 0.0;
          sum += scores[j];
        }
        for (int64_t j = 0; j < s.skv; ++j) {
          if (!keep[j])
            continue;
          const double w = scores[j] / sum;
          const double *vRow =
              v.data.data() + ((b * s.hkv + kvh) * s.skv + j) * s.dv;
          for (int64_t c = 0; c < s.dv; ++c)
            oRow[c] += w * vRow[c];
        }
      }
    }
  }
  return out;
}

} // namespace attn::ref
