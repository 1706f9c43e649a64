//===- HeadScores.cpp - how important each head of an attn.mha is ---------===//
//
// A head's importance is either supplied (an op attribute, or a JSON file as
// gradient-based estimation writes it, Michel et al. 2019) or the size of
// its weights: the L1 or L2 norm of the Wq columns that make its queries
// plus that of the Wo rows that carry its output into the model dim.
//
//===----------------------------------------------------------------------===//

#include "PruneHeads.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cmath>
#include <cstring>
#include <map>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::prune;

double ConstantWeight::at(int64_t index) const {
  const char *p =
      content.bytes.data() + (content.splat ? 0 : index * content.elementBytes);
  Type et = content.type.getElementType();
  if (et.isF32()) {
    float f;
    std::memcpy(&f, p, sizeof f);
    return f;
  }
  uint16_t bits;
  std::memcpy(&bits, p, sizeof bits);
  if (et.isBF16()) {
    uint32_t wide = static_cast<uint32_t>(bits) << 16;
    float f;
    std::memcpy(&f, &wide, sizeof f);
    return f;
  }
  llvm::APFloat half(llvm::APFloat::IEEEhalf(), llvm::APInt(16, bits));
  bool lost;
  half.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
               &lost);
  return half.convertToDouble();
}

std::optional<ConstantWeight> prune::getConstantWeight(Value value) {
  Operation *producer = value.getDefiningOp();
  if (!producer)
    return std::nullopt;
  WeightOp weight;
  Attribute attr;
  if (auto ref = dyn_cast<WeightRefOp>(producer)) {
    weight = SymbolTable::lookupNearestSymbolFrom<WeightOp>(
        ref, ref.getWeightAttr());
    if (!weight)
      return std::nullopt;
    attr = weight.getValue();
  } else if (auto constant = dyn_cast<arith::ConstantOp>(producer)) {
    attr = constant.getValue();
  } else {
    return std::nullopt;
  }
  std::optional<WeightContent> content = getWeightContent(attr);
  if (!content || content->type != value.getType())
    return std::nullopt;
  return ConstantWeight{producer, weight, cast<ElementsAttr>(attr), *content};
}

namespace {
/// Accumulates |x| (L1) or x² (L2) into buckets; `finish` takes the square
/// roots for L2.
struct NormSums {
  HeadNorm norm;
  SmallVector<double> sums;

  NormSums(HeadNorm norm, int64_t buckets) : norm(norm), sums(buckets, 0.0) {}
  void add(int64_t bucket, double x) {
    sums[bucket] += norm == HeadNorm::L1 ? std::fabs(x) : x * x;
  }
  SmallVector<double> finish() const {
    SmallVector<double> result(sums);
    if (norm == HeadNorm::L2)
      for (double &s : result)
        s = std::sqrt(s);
    return result;
  }
};
} // namespace

/// The norms of a [rows, H·Dh] weight's column blocks (one per head).
static SmallVector<double> columnBlockNorms(const ConstantWeight &w,
                                            int64_t heads, int64_t headDim,
                                            HeadNorm norm) {
  int64_t rows = w.content.type.getDimSize(0),
          cols = w.content.type.getDimSize(1);
  NormSums sums(norm, heads);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      sums.add(c / headDim, w.at(r * cols + c));
  return sums.finish();
}

/// The norms of a [H·Dh, cols] weight's row blocks (one per head).
static SmallVector<double> rowBlockNorms(const ConstantWeight &w, int64_t heads,
                                         int64_t headDim, HeadNorm norm) {
  int64_t rows = w.content.type.getDimSize(0),
          cols = w.content.type.getDimSize(1);
  NormSums sums(norm, heads);
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      sums.add(r / headDim, w.at(r * cols + c));
  return sums.finish();
}

FailureOr<HeadScores> prune::scoreByNorm(MhaOp op, HeadNorm norm, bool withKv,
                                         std::string &error) {
  int64_t hq = op.getNumHeads(), hkv = op.getNumKvHeads(), dh = op.getHeadDim();
  auto constant = [&](Value v,
                      StringRef what) -> std::optional<ConstantWeight> {
    std::optional<ConstantWeight> w = getConstantWeight(v);
    if (!w)
      error = ("cannot score heads by their norms: " + what +
               " is not a constant (attn.weight_ref or arith.constant of "
               "static shape); give scores (the attn.head_scores attribute "
               "or scores-file) or a drop list")
                  .str();
    return w;
  };
  std::optional<ConstantWeight> wq = constant(op.getWq(), "Wq");
  if (!wq)
    return failure();
  std::optional<ConstantWeight> wo = constant(op.getWo(), "Wo");
  if (!wo)
    return failure();
  HeadScores scores;
  scores.source = ScoreSource::Norm;
  scores.heads = columnBlockNorms(*wq, hq, dh, norm);
  SmallVector<double> outNorms = rowBlockNorms(*wo, hq, dh, norm);
  for (int64_t h = 0; h < hq; ++h)
    scores.heads[h] += outNorms[h];
  scores.kvExtra.assign(hkv, 0.0);
  if (withKv) {
    std::optional<ConstantWeight> wk = constant(op.getWk(), "Wk");
    if (!wk)
      return failure();
    std::optional<ConstantWeight> wv = constant(op.getWv(), "Wv");
    if (!wv)
      return failure();
    SmallVector<double> k = columnBlockNorms(*wk, hkv, dh, norm);
    SmallVector<double> v = columnBlockNorms(*wv, hkv, dh, norm);
    for (int64_t g = 0; g < hkv; ++g)
      scores.kvExtra[g] = k[g] + v[g];
  }
  return scores;
}

FailureOr<std::optional<HeadScores>>
prune::scoresFromAttribute(MhaOp op, std::string &error) {
  Attribute attr = op->getDiscardableAttr(kHeadScoresAttr);
  if (!attr)
    return std::optional<HeadScores>();
  auto array = dyn_cast<DenseF64ArrayAttr>(attr);
  if (!array) {
    error = (kHeadScoresAttr + " must be an array<f64: ...> of one score per "
                               "query head")
                .str();
    return failure();
  }
  if (array.size() != static_cast<int64_t>(op.getNumHeads())) {
    error = (kHeadScoresAttr + " holds " + llvm::Twine(array.size()) +
             " scores, but the layer has " + llvm::Twine(op.getNumHeads()) +
             " heads")
                .str();
    return failure();
  }
  HeadScores scores;
  scores.source = ScoreSource::Attribute;
  scores.heads.assign(array.asArrayRef().begin(), array.asArrayRef().end());
  scores.kvExtra.assign(op.getNumKvHeads(), 0.0);
  return std::optional<HeadScores>(std::move(scores));
}

/// One layer's scores from the file: an array of numbers, or an object from
/// head indices to numbers (each index once: JSON objects keep the last of
/// repeated keys).
static LogicalResult readLayerScores(StringRef layer,
                                     const llvm::json::Value &v,
                                     FileLayerScores &scores,
                                     std::string &error) {
  auto number = [&](const llvm::json::Value &x, const llvm::Twine &where,
                    double &out) -> LogicalResult {
    std::optional<double> d = x.getAsNumber();
    if (!d || !std::isfinite(*d)) {
      error =
          ("layer '" + layer + "': " + where + " is not a finite number").str();
      return failure();
    }
    out = *d;
    return success();
  };
  if (const llvm::json::Array *array = v.getAsArray()) {
    scores.isArray = true;
    for (auto [i, x] : llvm::enumerate(*array))
      if (failed(number(x, "score " + llvm::Twine(i),
                        scores.byHead[static_cast<int64_t>(i)])))
        return failure();
    return success();
  }
  const llvm::json::Object *object = v.getAsObject();
  if (!object) {
    error = ("layer '" + layer +
             "': expected an array of scores or an object from head index "
             "to score")
                .str();
    return failure();
  }
  for (const auto &[key, x] : *object) {
    int64_t head;
    if (StringRef(key).getAsInteger(10, head) || head < 0) {
      error = ("layer '" + layer + "': key '" + StringRef(key) +
               "' is not a head index (0, 1, ...)")
                  .str();
      return failure();
    }
    if (failed(number(x, "the score of head " + llvm::Twine(head),
                      scores.byHead[head])))
      return failure();
  }
  return success();
}

FailureOr<ScoresFile> prune::readScoresFile(StringRef path,
                                            std::string &error) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer) {
    error = ("cannot read scores file '" + path +
             "': " + buffer.getError().message())
                .str();
    return failure();
  }
  llvm::Expected<llvm::json::Value> json =
      llvm::json::parse((*buffer)->getBuffer());
  if (!json) {
    error = ("scores file '" + path + "' is not valid JSON at " +
             llvm::toString(json.takeError()))
                .str();
    return failure();
  }
  const llvm::json::Object *root = json->getAsObject();
  if (!root) {
    error = ("scores file '" + path +
             "' must hold a JSON object from layer names to scores")
                .str();
    return failure();
  }
  ScoresFile file;
  for (const auto &[key, value] : *root) {
    std::string layerError;
    FileLayerScores &scores = file[StringRef(key)];
    if (failed(readLayerScores(StringRef(key), value, scores, layerError))) {
      error = ("scores file '" + path + "': " + layerError).str();
      return failure();
    }
  }
  return file;
}
