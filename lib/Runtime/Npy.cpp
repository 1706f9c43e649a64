//===- Npy.cpp - Reading and writing NumPy .npy files ---------------------===//
//
// Layout: "\x93NUMPY", major, minor, a little-endian header length (2 bytes
// in 1.0, 4 in 2.0/3.0), the header dict padded with spaces and '\n' so the
// data starts 64-byte aligned, then the raw element bytes.
//
// Element bytes are decoded and encoded byte by byte, so the result does not
// depend on the host's byte order.
//
//===----------------------------------------------------------------------===//

#include "attn/Runtime/Npy.h"

#include "NpyHeader.h"
#include "attn/Runtime/FloatConversion.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

namespace attn::runtime {

using detail::npyFail;

namespace {

const char kMagic[] = "\x93NUMPY";
const size_t kMagicLen = 6;
const size_t kAlign = 64;

const char *const kSupported = "<f2, <f4, <f8, <i4, <i8, |b1, |u1";

/// The canonical spelling of a supported descr, or "" if unsupported. One-byte
/// types have no byte order, so NumPy writes '|' but any prefix means the same.
std::string normalizeDescr(const std::string &descr) {
  if (descr.size() != 3)
    return "";
  char order = descr[0];
  std::string type = descr.substr(1);
  if (type == "b1" || type == "u1")
    return order == '|' || order == '<' || order == '>' || order == '='
               ? "|" + type
               : "";
  if (order != '<')
    return "";
  if (type == "f2" || type == "f4" || type == "f8" || type == "i4" ||
      type == "i8")
    return descr;
  return "";
}

[[noreturn]] void unsupportedDescr(const std::string &source,
                                   const std::string &descr) {
  if (!descr.empty() && descr[0] == '>')
    npyFail(source, "big-endian dtype '" + descr +
                        "' is not supported; save little-endian data");
  npyFail(source,
          "unsupported dtype '" + descr + "' (supported: " + kSupported + ")");
}

/// numel * itemSize, failing instead of overflowing.
size_t byteSize(const std::vector<int64_t> &shape, size_t itemSize,
                const std::string &source) {
  size_t total = itemSize;
  for (int64_t d : shape) {
    if (d < 0)
      npyFail(source, "negative dimension in shape");
    if (d != 0 &&
        total > std::numeric_limits<size_t>::max() / static_cast<size_t>(d))
      npyFail(source, "array size overflows");
    total *= static_cast<size_t>(d);
  }
  return total;
}

uint64_t loadLE(const uint8_t *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return v;
}

void storeLE(uint8_t *p, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i)
    p[i] = static_cast<uint8_t>(v >> (8 * i));
}

template <typename To, typename From> To bitCast(From from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(&to, &from, sizeof to);
  return to;
}

/// v as an integer of [lo, hi]; fails unless v is integral and in range.
int64_t toInteger(double v, double lo, double hiExclusive,
                  const std::string &descr) {
  if (!(v >= lo && v < hiExclusive) || v != std::trunc(v))
    throw NpyError("npyFromDoubles: value " + std::to_string(v) +
                   " is not representable as " + descr);
  return static_cast<int64_t>(v);
}

} // namespace

int64_t NpyArray::numel() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

size_t npyItemSize(const std::string &descr) {
  std::string d = normalizeDescr(descr);
  if (d.empty())
    return 0;
  return static_cast<size_t>(d[2] - '0');
}

NpyArray parseNpy(const uint8_t *data, size_t size,
                  const std::string &sourceName) {
  if (size < kMagicLen || std::memcmp(data, kMagic, kMagicLen) != 0)
    npyFail(sourceName, "not a .npy file (bad magic string)");
  if (size < kMagicLen + 2)
    npyFail(sourceName, "truncated preamble");
  const unsigned major = data[6], minor = data[7];
  size_t lenBytes;
  if (major == 1 && minor == 0)
    lenBytes = 2;
  else if ((major == 2 || major == 3) && minor == 0)
    lenBytes = 4;
  else
    npyFail(sourceName, "unsupported .npy format version " +
                            std::to_string(major) + "." +
                            std::to_string(minor));
  const size_t headerStart = kMagicLen + 2 + lenBytes;
  if (size < headerStart)
    npyFail(sourceName, "truncated preamble");
  const size_t headerLen = loadLE(data + kMagicLen + 2, lenBytes);
  if (size - headerStart < headerLen)
    npyFail(sourceName, "truncated header: needs " + std::to_string(headerLen) +
                            " bytes, file has " +
                            std::to_string(size - headerStart));

  std::string_view text(reinterpret_cast<const char *>(data + headerStart),
                        headerLen);
  detail::NpyHeader header = detail::parseNpyHeader(text, sourceName);
  if (header.fortranOrder)
    npyFail(sourceName, "fortran_order=True arrays are not supported; save "
                        "a C-order array (numpy.ascontiguousarray)");
  NpyArray array;
  array.descr = normalizeDescr(header.descr);
  if (array.descr.empty())
    unsupportedDescr(sourceName, header.descr);
  array.shape = std::move(header.shape);

  const size_t dataStart = headerStart + headerLen;
  const size_t need =
      byteSize(array.shape, npyItemSize(array.descr), sourceName);
  const size_t have = size - dataStart;
  if (have < need)
    npyFail(sourceName, "truncated data: " + array.descr + " array of shape " +
                            detail::formatNpyShape(array.shape) + " needs " +
                            std::to_string(need) + " bytes, file has " +
                            std::to_string(have));
  if (have > need)
    npyFail(sourceName, std::to_string(have - need) +
                            " unexpected bytes after the array data");
  array.bytes.assign(data + dataStart, data + dataStart + need);
  return array;
}

NpyArray readNpy(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    npyFail(path, std::string("cannot open file: ") + std::strerror(errno));
  // Read in chunks until EOF rather than trusting tellg(), which is
  // meaningless for pipes and directories.
  std::vector<uint8_t> bytes;
  char chunk[1 << 16];
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0)
    bytes.insert(bytes.end(), chunk, chunk + in.gcount());
  if (in.bad() || !in.eof())
    npyFail(path, std::string("read error: ") + std::strerror(errno));
  return parseNpy(bytes.data(), bytes.size(), path);
}

std::vector<uint8_t> serializeNpy(const NpyArray &array,
                                  const std::string &sourceName) {
  const std::string descr = normalizeDescr(array.descr);
  if (descr.empty())
    unsupportedDescr(sourceName, array.descr);
  const size_t need = byteSize(array.shape, npyItemSize(descr), sourceName);
  if (array.bytes.size() != need)
    npyFail(sourceName, "array holds " + std::to_string(array.bytes.size()) +
                            " bytes but its shape and dtype need " +
                            std::to_string(need));

  std::string header = detail::formatNpyHeader(descr, array.shape);
  // Version 1.0 stores the padded header length in 16 bits; only a header
  // too long for that (tens of thousands of dims) needs version 2.0.
  size_t lenBytes = 2;
  size_t padded = header.size() + 1;
  padded += kAlign - (kMagicLen + 2 + lenBytes + padded) % kAlign;
  if (padded > 0xffff) {
    lenBytes = 4;
    padded = header.size() + 1;
    padded += kAlign - (kMagicLen + 2 + lenBytes + padded) % kAlign;
  }
  // NumPy pads with spaces and ends the header with '\n'.
  header.append(padded - 1 - header.size(), ' ');
  header.push_back('\n');

  std::vector<uint8_t> out(kMagic, kMagic + kMagicLen);
  out.push_back(lenBytes == 2 ? 1 : 2);
  out.push_back(0);
  out.resize(out.size() + lenBytes);
  storeLE(out.data() + out.size() - lenBytes, padded, lenBytes);
  out.insert(out.end(), header.begin(), header.end());
  out.insert(out.end(), array.bytes.begin(), array.bytes.end());
  return out;
}

void writeNpy(const std::string &path, const NpyArray &array) {
  std::vector<uint8_t> image = serializeNpy(array, path);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    npyFail(path, std::string("cannot open file for writing: ") +
                      std::strerror(errno));
  out.write(reinterpret_cast<const char *>(image.data()),
            static_cast<std::streamsize>(image.size()));
  out.close();
  if (!out)
    npyFail(path, "write error");
}

std::vector<double> npyToDoubles(const NpyArray &array) {
  const std::string descr = normalizeDescr(array.descr);
  if (descr.empty())
    unsupportedDescr("npyToDoubles", array.descr);
  const size_t item = npyItemSize(descr);
  const size_t n = byteSize(array.shape, item, "npyToDoubles") / item;
  if (array.bytes.size() != n * item)
    npyFail("npyToDoubles", "byte count does not match shape and dtype");

  std::vector<double> values(n);
  const char type = descr[1];
  for (size_t i = 0; i < n; ++i) {
    const uint64_t raw = loadLE(array.bytes.data() + i * item, item);
    double &v = values[i];
    if (type == 'f' && item == 2)
      v = halfBitsToFloat(static_cast<uint16_t>(raw));
    else if (type == 'f' && item == 4)
      v = bitCast<float>(static_cast<uint32_t>(raw));
    else if (type == 'f')
      v = bitCast<double>(raw);
    else if (type == 'i' && item == 4)
      v = bitCast<int32_t>(static_cast<uint32_t>(raw));
    else if (type == 'i')
      v = static_cast<double>(bitCast<int64_t>(raw));
    else if (type == 'b')
      v = raw != 0 ? 1.0 : 0.0;
    else
      v = static_cast<double>(raw);
  }
  return values;
}

NpyArray npyFromDoubles(const std::string &descrIn, std::vector<int64_t> shape,
                        const std::vector<double> &values) {
  const std::string descr = normalizeDescr(descrIn);
  if (descr.empty())
    unsupportedDescr("npyFromDoubles", descrIn);
  const size_t item = npyItemSize(descr);
  const size_t n = byteSize(shape, item, "npyFromDoubles") / item;
  if (values.size() != n)
    npyFail("npyFromDoubles", std::to_string(values.size()) + " values for " +
                                  std::to_string(n) + " elements");
  // The f4/f2 paths rely on IEEE double->float conversion (inf on overflow).
  static_assert(std::numeric_limits<float>::is_iec559);

  NpyArray array;
  array.descr = descr;
  array.shape = std::move(shape);
  array.bytes.resize(n * item);
  const char type = descr[1];
  for (size_t i = 0; i < n; ++i) {
    const double v = values[i];
    uint64_t raw;
    if (type == 'f' && item == 2)
      raw = floatToHalfBits(static_cast<float>(v));
    else if (type == 'f' && item == 4)
      raw = bitCast<uint32_t>(static_cast<float>(v));
    else if (type == 'f')
      raw = bitCast<uint64_t>(v);
    else if (type == 'b')
      raw = v != 0.0; // NaN compares unequal, so it is true, as in NumPy.
    else if (type == 'u')
      raw = static_cast<uint64_t>(toInteger(v, 0, 256, descr));
    else if (item == 4)
      raw = static_cast<uint32_t>(static_cast<int32_t>(
          toInteger(v, -2147483648.0, 2147483648.0, descr)));
    else
      raw = static_cast<uint64_t>(
          toInteger(v, -9223372036854775808.0, 9223372036854775808.0, descr));
    storeLE(array.bytes.data() + i * item, raw, item);
  }
  return array;
}

} // namespace attn::runtime
