//===- Internal.h - Helpers shared by the reference's source files --------===//
//
// Private to lib/Reference; not installed.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_REFERENCE_INTERNAL_H
#define ATTN_LIB_REFERENCE_INTERNAL_H

#include "attn/Reference/Reference.h"

#include <string>
#include <vector>

namespace attn::ref::detail {

/// Throws std::invalid_argument("<where>: <what>").
[[noreturn]] void fail(const std::string &where, const std::string &what);

/// Throws unless `t` has rank `rank`.
void expectRank(const std::string &where, const std::string &name,
                const Tensor &t, int64_t rank);

/// Strides for reading `shape` as if broadcast numpy-style (right-aligned) to
/// `target`: one stride per target dimension, 0 where `shape` has size 1 or
/// no dimension at all. Throws if `shape` does not broadcast to `target`.
std::vector<int64_t> broadcastStrides(const std::string &where,
                                      const std::string &name,
                                      const std::vector<int64_t> &shape,
                                      const std::vector<int64_t> &target);

} // namespace attn::ref::detail

#endif // ATTN_LIB_REFERENCE_INTERNAL_H
