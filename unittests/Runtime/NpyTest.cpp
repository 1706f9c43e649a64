//===- NpyTest.cpp - .npy reading and writing -----------------------------===//
//
// The byte arrays below were produced by NumPy 1.24 (np.save and
// np.lib.format.write_array) and pin down compatibility both ways.
//
//===----------------------------------------------------------------------===//

#include "attn/Runtime/Npy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <limits>
#include <unistd.h>

using namespace attn::runtime;

namespace {

// np.save(f, np.arange(6, dtype='<f4').reshape(2, 3))
const uint8_t kNumpyF4[] = {
    0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7b, 0x27,
    0x64, 0x65, 0x73, 0x63, 0x72, 0x27, 0x3a, 0x20, 0x27, 0x3c, 0x66, 0x34,
    0x27, 0x2c, 0x20, 0x27, 0x66, 0x6f, 0x72, 0x74, 0x72, 0x61, 0x6e, 0x5f,
    0x6f, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3a, 0x20, 0x46, 0x61, 0x6c, 0x73,
    0x65, 0x2c, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3a, 0x20,
    0x28, 0x32, 0x2c, 0x20, 0x33, 0x29, 0x2c, 0x20, 0x7d, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0x40,
    0x00, 0x00, 0x80, 0x40, 0x00, 0x00, 0xa0, 0x40,
};

// np.lib.format.write_array(f, np.array([True, False, True]), version=(2, 0))
const uint8_t kNumpyB1V2[] = {
    0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x02, 0x00, 0x74, 0x00, 0x00, 0x00,
    0x7b, 0x27, 0x64, 0x65, 0x73, 0x63, 0x72, 0x27, 0x3a, 0x20, 0x27, 0x7c,
    0x62, 0x31, 0x27, 0x2c, 0x20, 0x27, 0x66, 0x6f, 0x72, 0x74, 0x72, 0x61,
    0x6e, 0x5f, 0x6f, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3a, 0x20, 0x46, 0x61,
    0x6c, 0x73, 0x65, 0x2c, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27,
    0x3a, 0x20, 0x28, 0x33, 0x2c, 0x29, 0x2c, 0x20, 0x7d, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a, 0x01, 0x00, 0x01,
};

// np.save(f, np.array(7, dtype='<i8'))
const uint8_t kNumpyI8Scalar[] = {
    0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00, 0x7b, 0x27,
    0x64, 0x65, 0x73, 0x63, 0x72, 0x27, 0x3a, 0x20, 0x27, 0x3c, 0x69, 0x38,
    0x27, 0x2c, 0x20, 0x27, 0x66, 0x6f, 0x72, 0x74, 0x72, 0x61, 0x6e, 0x5f,
    0x6f, 0x72, 0x64, 0x65, 0x72, 0x27, 0x3a, 0x20, 0x46, 0x61, 0x6c, 0x73,
    0x65, 0x2c, 0x20, 0x27, 0x73, 0x68, 0x61, 0x70, 0x65, 0x27, 0x3a, 0x20,
    0x28, 0x29, 0x2c, 0x20, 0x7d, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x0a, 0x07, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
};

template <size_t N> std::vector<uint8_t> bytesOf(const uint8_t (&a)[N]) {
  return std::vector<uint8_t>(a, a + N);
}

/// A file path private to this process and test, removed on destruction.
class TempFile {
public:
  explicit TempFile(const std::string &stem)
      : path(::testing::TempDir() + "attn_npy_" + std::to_string(::getpid()) +
             "_" + stem + ".npy") {}
  ~TempFile() { std::remove(path.c_str()); }
  const std::string path;
};

/// The NpyError message `fn` throws ("" if none).
template <typename Fn> std::string npyError(Fn fn) {
  try {
    fn();
  } catch (const NpyError &e) {
    return e.what();
  }
  return "";
}

/// Replaces the first `from` in the image's header with `to` (same length,
/// so the padding and data offset stay valid).
std::vector<uint8_t> patched(std::vector<uint8_t> image,
                             const std::string &from, const std::string &to) {
  std::string s(image.begin(), image.end());
  size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  EXPECT_EQ(from.size(), to.size());
  std::copy(to.begin(), to.end(), image.begin() + at);
  return image;
}

NpyArray parse(const std::vector<uint8_t> &image) {
  return parseNpy(image.data(), image.size(), "test.npy");
}

TEST(Npy, ReadsNumpyFiles) {
  NpyArray f4 = parse(bytesOf(kNumpyF4));
  EXPECT_EQ(f4.descr, "<f4");
  EXPECT_EQ(f4.shape, (std::vector<int64_t>{2, 3}));
  EXPECT_EQ(npyToDoubles(f4), (std::vector<double>{0, 1, 2, 3, 4, 5}));

  NpyArray b1 = parse(bytesOf(kNumpyB1V2)); // format version 2.0
  EXPECT_EQ(b1.descr, "|b1");
  EXPECT_EQ(b1.shape, (std::vector<int64_t>{3}));
  EXPECT_EQ(npyToDoubles(b1), (std::vector<double>{1, 0, 1}));

  NpyArray scalar = parse(bytesOf(kNumpyI8Scalar));
  EXPECT_EQ(scalar.shape, (std::vector<int64_t>{}));
  EXPECT_EQ(scalar.numel(), 1);
  EXPECT_EQ(npyToDoubles(scalar), (std::vector<double>{7}));
}

TEST(Npy, WritesByteIdenticalToNumpy) {
  EXPECT_EQ(serializeNpy(npyFromDoubles("<f4", {2, 3}, {0, 1, 2, 3, 4, 5})),
            bytesOf(kNumpyF4));
  EXPECT_EQ(serializeNpy(npyFromDoubles("<i8", {}, {7})),
            bytesOf(kNumpyI8Scalar));
}

struct RoundTripCase {
  const char *descr;
  std::vector<int64_t> shape;
  std::vector<double> values;
};

TEST(Npy, RoundTripsEveryDtypeThroughAFile) {
  const double inf = std::numeric_limits<double>::infinity();
  const RoundTripCase cases[] = {
      {"<f4", {2, 2}, {1.5, -2.25, 1e30f, -inf}},
      {"<f2", {4}, {1, -0.5, 65504, std::ldexp(1.0, -24)}},
      {"<f8", {3, 1}, {0.1, -1e300, 5e-324}},
      {"|b1", {2, 2}, {0, 1, 1, 0}},
      {"|u1", {3}, {0, 255, 7}},
      {"<i4", {2, 2}, {-2147483648.0, 2147483647.0, 0, -1}},
      {"<i8", {4}, {-9223372036854775808.0, 9007199254740992.0, -1, 0}},
      {"<f4", {0, 3}, {}},
      {"<f8", {}, {42}},
  };
  int n = 0;
  for (const RoundTripCase &c : cases) {
    SCOPED_TRACE(c.descr);
    TempFile file("roundtrip" + std::to_string(n++));
    NpyArray out = npyFromDoubles(c.descr, c.shape, c.values);
    writeNpy(file.path, out);
    NpyArray in = readNpy(file.path);
    EXPECT_EQ(in.descr, c.descr);
    EXPECT_EQ(in.shape, c.shape);
    EXPECT_EQ(in.bytes, out.bytes);
    EXPECT_EQ(npyToDoubles(in), c.values);
    // Data must start on a 64-byte boundary, as NumPy lays it out.
    std::vector<uint8_t> image = serializeNpy(out);
    EXPECT_EQ((image.size() - out.bytes.size()) % 64, 0u);
  }
}

TEST(Npy, LittleEndianEncoding) {
  NpyArray a = npyFromDoubles("<i4", {1}, {0x01020304});
  EXPECT_EQ(a.bytes, (std::vector<uint8_t>{4, 3, 2, 1}));
  NpyArray h = npyFromDoubles("<f2", {1}, {1.0}); // 0x3c00
  EXPECT_EQ(h.bytes, (std::vector<uint8_t>{0x00, 0x3c}));
}

TEST(Npy, MissingFile) {
  std::string path = ::testing::TempDir() + "attn_npy_does_not_exist.npy";
  std::string msg = npyError([&] { readNpy(path); });
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("cannot open"), std::string::npos) << msg;
}

TEST(Npy, RejectsCorruptFiles) {
  std::vector<uint8_t> good = bytesOf(kNumpyF4);

  std::vector<uint8_t> badMagic = good;
  badMagic[1] = 'X';
  EXPECT_NE(npyError([&] { parse(badMagic); }).find("bad magic"),
            std::string::npos);
  EXPECT_NE(npyError([&] { parse({'h', 'i'}); }).find("bad magic"),
            std::string::npos);

  std::vector<uint8_t> truncated(good.begin(), good.end() - 1);
  std::string msg = npyError([&] { parse(truncated); });
  EXPECT_NE(msg.find("test.npy: truncated data"), std::string::npos) << msg;

  std::vector<uint8_t> shortHeader(good.begin(), good.begin() + 40);
  EXPECT_NE(npyError([&] { parse(shortHeader); }).find("truncated header"),
            std::string::npos);

  std::vector<uint8_t> trailing = good;
  trailing.push_back(0);
  EXPECT_NE(npyError([&] { parse(trailing); }).find("after the array data"),
            std::string::npos);

  std::vector<uint8_t> version = good;
  version[6] = 9;
  EXPECT_NE(npyError([&] { parse(version); }).find("version 9.0"),
            std::string::npos);

  EXPECT_NE(npyError([&] {
              parse(patched(good, "'descr'", "'dtype'"));
            }).find("unexpected key 'dtype'"),
            std::string::npos);
  EXPECT_NE(npyError([&] {
              parse(patched(good, "(2, 3)", "(2, x)"));
            }).find("bad header"),
            std::string::npos);
}

TEST(Npy, RejectsFortranOrderAndUnsupportedDtypes) {
  std::vector<uint8_t> good = bytesOf(kNumpyF4);
  std::string msg = npyError([&] { parse(patched(good, "False", "True ")); });
  EXPECT_NE(msg.find("fortran_order"), std::string::npos) << msg;

  msg = npyError([&] { parse(patched(good, "<f4", "<c8")); });
  EXPECT_NE(msg.find("unsupported dtype '<c8'"), std::string::npos) << msg;

  msg = npyError([&] { parse(patched(good, "<f4", ">f4")); });
  EXPECT_NE(msg.find("big-endian"), std::string::npos) << msg;

  // A one-byte type has no byte order, so any prefix is accepted.
  EXPECT_EQ(parse(patched(bytesOf(kNumpyB1V2), "|b1", "<b1")).descr, "|b1");
}

TEST(Npy, RejectsInconsistentArraysAndValues) {
  NpyArray bad;
  bad.descr = "<f4";
  bad.shape = {2};
  bad.bytes = {0, 0, 0};
  EXPECT_THROW(serializeNpy(bad), NpyError);
  bad.descr = "<c8";
  EXPECT_THROW(serializeNpy(bad), NpyError);
  EXPECT_THROW(npyFromDoubles("<f4", {3}, {1, 2}), NpyError);
  EXPECT_THROW(npyFromDoubles("<i4", {1}, {1.5}), NpyError);
  EXPECT_THROW(npyFromDoubles("<i4", {1}, {2147483648.0}), NpyError);
  EXPECT_THROW(npyFromDoubles("|u1", {1}, {-1}), NpyError);
  EXPECT_THROW(npyFromDoubles("<i8", {1}, {std::nan("")}), NpyError);
  EXPECT_EQ(npyItemSize("<f2"), 2u);
  EXPECT_EQ(npyItemSize("<u2"), 0u);
}

} // namespace
