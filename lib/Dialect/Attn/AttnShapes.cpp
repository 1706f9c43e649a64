//===- AttnShapes.cpp - dimensions of an attention problem ----------------===//

#include "attn/Dialect/Attn/AttnShapes.h"

using namespace mlir;
using namespace mlir::attn;

/// The first static size among `sizes`, or kDynamic.
static int64_t firstStatic(std::initializer_list<int64_t> sizes) {
  for (int64_t s : sizes)
    if (!ShapedType::isDynamic(s))
      return s;
  return ShapedType::kDynamic;
}

SdpaDims SdpaDims::get(RankedTensorType query, RankedTensorType key,
                       RankedTensorType value) {
  ArrayRef<int64_t> q = query.getShape(), k = key.getShape(),
                    v = value.getShape();
  SdpaDims d;
  d.batch = firstStatic({q[0], k[0], v[0]});
  d.queryHeads = q[1];
  d.kvHeads = firstStatic({k[1], v[1]});
  d.querySeq = q[2];
  d.kvSeq = firstStatic({k[2], v[2]});
  d.headDim = firstStatic({q[3], k[3]});
  d.valueDim = v[3];
  return d;
}

int64_t SdpaDims::groupSize() const {
  if (ShapedType::isDynamic(queryHeads) || ShapedType::isDynamic(kvHeads) ||
      kvHeads == 0)
    return ShapedType::kDynamic;
  return queryHeads / kvHeads;
}
