//===- Reference.h - Independent double-precision attention reference -----===//
//
// A deliberately naive, double-precision implementation of the semantics of
// the attn dialect (see docs / DESIGN.md). It uses nothing from MLIR, LLVM or
// the rest of attn: `attn-run --check` compares compiled code against it, and
// that comparison only means something if the two share no code.
//
// Every function validates its operands and throws std::invalid_argument with
// a message naming the operand and the offending shape.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_REFERENCE_REFERENCE_H
#define ATTN_REFERENCE_REFERENCE_H

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace attn::ref {

//===----------------------------------------------------------------------===//
// Tensor
//===----------------------------------------------------------------------===//

/// Number of elements of a shape (1 for rank 0). Throws on negative dims.
int64_t numelOf(const std::vector<int64_t> &shape);

/// "[2, 3, 4]"-style rendering used in error messages.
std::string shapeToString(const std::vector<int64_t> &shape);

/// A dense row-major (C order) tensor of doubles.
struct Tensor {
  std::vector<int64_t> shape;
  std::vector<double> data;

  Tensor() = default;
  /// A zero-filled tensor of the given shape.
  explicit Tensor(std::vector<int64_t> shape);
  /// Throws std::invalid_argument if data.size() != numelOf(shape).
  Tensor(std::vector<int64_t> shape, std::vector<double> data);

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  int64_t numel() const { return numelOf(shape); }
  /// Size of dimension `i`; negative `i` counts from the back.
  int64_t dim(int64_t i) const;
  /// Row-major flat offset of a full multi-index (bounds-checked).
  int64_t index(const std::vector<int64_t> &idx) const;
  double &at(const std::vector<int64_t> &idx) { return data[index(idx)]; }
  double at(const std::vector<int64_t> &idx) const { return data[index(idx)]; }
};

/// Inverse of Tensor::index: the multi-index of a flat offset.
std::vector<int64_t> unravelIndex(const std::vector<int64_t> &shape,
                                  int64_t flat);

//===----------------------------------------------------------------------===//
// Scaled dot-product attention (attn.sdpa)
//===----------------------------------------------------------------------===//

enum class MaskKind {
  None,
  /// Keep-mask stored as doubles: nonzero = keep, zero = masked.
  Boolean,
  /// Bias added to the scaled scores; -inf masks the key.
  Additive,
};

struct SdpaOptions {
  /// Defaults to 1/sqrt(D).
  std::optional<double> scale;
  bool causal = false;
  /// Query i sees key j iff j <= i + offset. Defaults to Skv - Sq
  /// (bottom-right aligned); 0 is top-left.
  std::optional<int64_t> causalOffset;
};

/// O = softmax(scale * Q K^T + mask) V per (batch, query head).
///   q: B x Hq x Sq x D, k: B x Hkv x Skv x D, v: B x Hkv x Skv x Dv,
///   result: B x Hq x Sq x Dv. Query head h reads KV head h / (Hq / Hkv).
/// `mask` (rank <= 4) broadcasts numpy-style to B x Hq x Sq x Skv. It must be
/// null iff maskKind is None. A row whose keys are all masked yields zeros.
Tensor sdpa(const Tensor &q, const Tensor &k, const Tensor &v,
            const Tensor *mask = nullptr, MaskKind maskKind = MaskKind::None,
            const SdpaOptions &options = {});

//===----------------------------------------------------------------------===//
// Multi-head attention layer (attn.mha)
//===----------------------------------------------------------------------===//

struct MhaOptions {
  int64_t numHeads = 0;
  int64_t numKvHeads = 0;
  int64_t headDim = 0;
  std::optional<double> scale;
  bool causal = false;
  std::optional<int64_t> causalOffset;
};

/// A full attention layer with weights in the x.W layout.
///   x: B x Sq x M; kvInput: B x Skv x Mkv (null: self-attention on x);
///   wq: [M, Hq*Dh]; wk, wv: [Mkv, Hkv*Dh]; wo: [Hq*Dh, Mout];
///   biases (nullable): 1-D of the matching column count.
/// Head h owns columns h*Dh..(h+1)*Dh-1 of wq (of wk/wv for KV heads) and the
/// same rows of wo. `mask` is as for sdpa (broadcast to B x Hq x Sq x Skv).
/// Result: B x Sq x Mout.
Tensor mha(const Tensor &x, const Tensor *kvInput, const Tensor &wq,
           const Tensor &wk, const Tensor &wv, const Tensor &wo,
           const Tensor *bq, const Tensor *bk, const Tensor *bv,
           const Tensor *bo, const MhaOptions &options,
           const Tensor *mask = nullptr, MaskKind maskKind = MaskKind::None);

/// B x S x (H*Dh) -> B x H x S x Dh (head h = columns h*Dh..(h+1)*Dh-1).
Tensor splitHeads(const Tensor &x, int64_t numHeads);
/// B x H x S x Dh -> B x S x (H*Dh); inverse of splitHeads.
Tensor mergeHeads(const Tensor &x);

//===----------------------------------------------------------------------===//
// Normalization and residual blocks (attn.residual)
//===----------------------------------------------------------------------===//

/// Layer norm over the last dimension with biased variance (as PyTorch):
/// y = (x - mean) / sqrt(var + eps) * gamma + beta. gamma, beta: 1-D of the
/// last dimension's size.
Tensor layerNorm(const Tensor &x, const Tensor &gamma, const Tensor &beta,
                 double eps);

enum class NormPlacement { None, Pre, Post };

/// None: x + F(x); Pre: x + F(LN(x)); Post: LN(x + F(x)).
/// gamma and beta may be null only when placement is None.
Tensor residual(const Tensor &x,
                const std::function<Tensor(const Tensor &)> &body,
                NormPlacement placement, const Tensor *gamma = nullptr,
                const Tensor *beta = nullptr, double eps = 1e-5);

//===----------------------------------------------------------------------===//
// Elementwise and linear helpers (for encoder-style examples)
//===----------------------------------------------------------------------===//

/// x.w over the last two dims. x: [..., M, K]; w: [K, N] (shared by every
/// batch) or [..., K, N] with batch dims that broadcast numpy-style against
/// x's. Result: [broadcast batch..., M, N].
Tensor matmul(const Tensor &x, const Tensor &w);
/// x + b along the last dimension; b is 1-D of x's last dimension's size.
Tensor addBias(const Tensor &x, const Tensor &b);
/// Elementwise a + b; shapes must be equal.
Tensor add(const Tensor &a, const Tensor &b);
/// GELU, tanh approximation: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))).
Tensor geluTanh(const Tensor &x);
/// GELU, exact: 0.5 x (1 + erf(x / sqrt(2))).
Tensor geluErf(const Tensor &x);
Tensor relu(const Tensor &x);
/// Numerically stable softmax over the last dimension.
Tensor softmaxLastDim(const Tensor &x);

//===----------------------------------------------------------------------===//
// Comparison against compiled results
//===----------------------------------------------------------------------===//

enum class DType { F32, F16, BF16 };

struct Tolerance {
  double atol = 0.0;
  double rtol = 0.0;
};

/// Default tolerance for results computed in `type` (with f32 accumulation).
Tolerance toleranceFor(DType type);

struct CompareResult {
  /// Every element satisfies |a - r| <= atol + rtol * |r|, and NaN/Inf in
  /// the actual data appear exactly where the reference has them.
  bool pass = true;
  /// Largest |a - r| (+inf for a NaN/Inf mismatch).
  double maxAbsErr = 0.0;
  /// Largest |a - r| / max(|r|, atol) -- the atol guard keeps near-zero
  /// references from producing meaningless huge ratios. Informational only:
  /// `pass` uses the atol + rtol formula above.
  double maxRelErr = 0.0;
  /// Flat index of the element that uses the largest share of its allowed
  /// error, |a - r| / (atol + rtol * |r|); mismatched NaN/Inf ranks first.
  /// -1 when there are no elements.
  int64_t worstIndex = -1;
  double worstRef = 0.0;
  double worstActual = 0.0;
  int64_t numViolations = 0;
  int64_t numElements = 0;
};

/// Throws std::invalid_argument if the element counts differ.
CompareResult compare(const Tensor &ref, const std::vector<double> &actual,
                      Tolerance tol);

/// One-line human-readable summary (worst element with its multi-index).
std::string describe(const CompareResult &result,
                     const std::vector<int64_t> &shape, Tolerance tol);

} // namespace attn::ref

#endif // ATTN_REFERENCE_REFERENCE_H
