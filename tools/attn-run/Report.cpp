//===- Report.cpp - attn-run's printed results and comparisons ------------===//

#include "Report.h"

#include "attn/Reference/Reference.h"
#include "attn/Runtime/Npy.h"

#include "llvm/Support/Format.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::run;
using ::attn::runner::ElementKind;
using ::attn::runner::HostArray;
using ::attn::runner::shapeString;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

void mlir::attn::run::printSummary(llvm::raw_ostream &os, unsigned index,
                                   const BoundaryType &type,
                                   const HostArray &array) {
  std::vector<double> values = array.toDoubles();
  os << "result " << index << ": " << shapeString(array.shape()) << " "
     << ::attn::runner::elementName(array.kind()) << " (" << type.typeName
     << ")\n  [";
  // All values of a small result; otherwise the first four and the last two.
  size_t n = values.size();
  for (size_t i = 0; i < n; ++i) {
    if (n > 8 && i == 4) {
      os << ", ...";
      i = n - 3;
      continue;
    }
    // Integers in full: a position or an index, not an approximation.
    if (::attn::runner::isIntegerKind(array.kind()))
      os << (i ? ", " : "") << static_cast<int64_t>(values[i]);
    else
      os << (i ? ", " : "") << llvm::format("%.6g", values[i]);
  }
  double sum = 0.0, maxAbs = 0.0;
  for (double v : values) {
    sum += v;
    maxAbs = std::max(maxAbs, std::fabs(v));
  }
  double mean = n ? sum / static_cast<double>(n) : 0.0;
  os << "]  mean " << llvm::format("%.6g", mean) << "  max|x| "
     << llvm::format("%.6g", maxAbs) << "\n";
}

/// The .npy dtype a result is written as.
static const char *npyDescr(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
  case ElementKind::BF16:
    return "<f4";
  case ElementKind::F16:
    return "<f2";
  case ElementKind::I1:
    return "|b1";
  case ElementKind::I32:
    return "<i4";
  case ElementKind::I64:
    return "<i8";
  }
  return "<f4";
}

llvm::Error mlir::attn::run::writeNpyOutput(const std::string &path,
                                            const HostArray &array) {
  try {
    ::attn::runtime::writeNpy(
        path, ::attn::runtime::npyFromDoubles(
                  npyDescr(array.kind()), array.shape(), array.toDoubles()));
  } catch (const std::exception &e) {
    return makeError(Twine("cannot write ") + path + ": " + e.what());
  }
  return llvm::Error::success();
}

llvm::Expected<std::vector<double>>
mlir::attn::run::readExpected(const std::string &path, unsigned index,
                              const HostArray &actual) {
  ::attn::runtime::NpyArray npy;
  try {
    npy = ::attn::runtime::readNpy(path);
  } catch (const std::exception &e) {
    return makeError(Twine("cannot read expected result ") + Twine(index) +
                     " (" + path + "): " + e.what());
  }
  if (npy.shape != actual.shape())
    return makeError("expected result " + Twine(index) + " (" + path +
                     "): shape " + shapeString(npy.shape) +
                     " does not match the result's " +
                     shapeString(actual.shape()));
  return ::attn::runtime::npyToDoubles(npy);
}

static ::attn::ref::Tolerance toleranceFor(ElementKind kind) {
  switch (kind) {
  case ElementKind::F32:
    return ::attn::ref::toleranceFor(::attn::ref::DType::F32);
  case ElementKind::F16:
    return ::attn::ref::toleranceFor(::attn::ref::DType::F16);
  case ElementKind::BF16:
    return ::attn::ref::toleranceFor(::attn::ref::DType::BF16);
  case ElementKind::I1:
  case ElementKind::I32:
  case ElementKind::I64:
    return {0.0, 0.0};
  }
  return {};
}

bool mlir::attn::run::printComparison(llvm::raw_ostream &os, unsigned index,
                                      const HostArray &actual,
                                      const std::vector<double> &expected) {
  ::attn::ref::Tolerance tol = toleranceFor(actual.kind());
  ::attn::ref::Tensor ref(actual.shape(), expected);
  ::attn::ref::CompareResult cmp =
      ::attn::ref::compare(ref, actual.toDoubles(), tol);
  os << "result " << index << ": max abs err "
     << llvm::format("%.3g", cmp.maxAbsErr) << ", max rel err "
     << llvm::format("%.3g", cmp.maxRelErr) << " ("
     << ::attn::runner::elementName(actual.kind()) << ": atol "
     << llvm::format("%g", tol.atol) << ", rtol "
     << llvm::format("%g", tol.rtol) << ") " << (cmp.pass ? "PASS" : "FAIL");
  // How close the worst element came to its bound, to judge the margin.
  if (cmp.pass && cmp.worstIndex >= 0) {
    double allowed = tol.atol + tol.rtol * std::fabs(cmp.worstRef);
    double used = allowed > 0.0
                      ? std::fabs(cmp.worstActual - cmp.worstRef) / allowed
                      : 0.0;
    os << " (worst element at " << llvm::format("%.0f", used * 100.0)
       << "% of its tolerance)";
  }
  if (!cmp.pass) {
    os << ": " << cmp.numViolations << " of " << cmp.numElements
       << " elements out of tolerance; worst at "
       << ::attn::ref::shapeToString(
              ::attn::ref::unravelIndex(actual.shape(), cmp.worstIndex))
       << ": got " << llvm::format("%.6g", cmp.worstActual) << ", expected "
       << llvm::format("%.6g", cmp.worstRef);
  }
  os << "\n";
  return cmp.pass;
}

llvm::Expected<bool>
mlir::attn::run::compareWithFiles(llvm::raw_ostream &os,
                                  const std::vector<std::string> &paths,
                                  const std::vector<HostArray> &outputs) {
  bool pass = true;
  for (unsigned i = 0; i < paths.size(); ++i) {
    auto values = readExpected(paths[i], i, outputs[i]);
    if (!values)
      return values.takeError();
    os << "expected (" << paths[i] << "): ";
    pass &= printComparison(os, i, outputs[i], *values);
  }
  return pass;
}
