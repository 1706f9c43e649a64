//===- NpyHeader.h - The .npy header dictionary (private) -----------------===//
//
// The header of a .npy file is a Python dict literal. This is the small
// subset of Python literal syntax NumPy emits: string keys, and string,
// True/False and int-tuple values.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_RUNTIME_NPYHEADER_H
#define ATTN_LIB_RUNTIME_NPYHEADER_H

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace attn::runtime::detail {

struct NpyHeader {
  std::string descr;
  bool fortranOrder = false;
  std::vector<int64_t> shape;
};

/// Throws NpyError("<source>: <reason>").
[[noreturn]] void npyFail(const std::string &source, const std::string &reason);

/// Parses the dict; requires exactly the keys descr, fortran_order, shape.
NpyHeader parseNpyHeader(std::string_view text, const std::string &source);

/// Python's repr of the shape tuple: "()", "(3,)", "(2, 3)".
std::string formatNpyShape(const std::vector<int64_t> &shape);

/// The dict text NumPy writes for a C-order array, including NumPy's spare
/// spaces for growing the first axis, without the alignment padding.
std::string formatNpyHeader(const std::string &descr,
                            const std::vector<int64_t> &shape);

} // namespace attn::runtime::detail

#endif // ATTN_LIB_RUNTIME_NPYHEADER_H
