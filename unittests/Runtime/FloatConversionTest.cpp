//===- FloatConversionTest.cpp - f16/bf16 conversions ---------------------===//
//
// Spot checks of well-known encodings plus exhaustive checks: every f16/bf16
// value must survive widen-then-narrow, and for every pair of neighbouring
// values the exact midpoint must round to the even one while the floats just
// beside the midpoint round to the nearer one.
//
//===----------------------------------------------------------------------===//

#include "attn/Runtime/FloatConversion.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

using namespace attn::runtime;

namespace {

const float kInf = std::numeric_limits<float>::infinity();

float fromBits(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

bool isHalfNaN(uint16_t h) { return (h & 0x7c00) == 0x7c00 && (h & 0x3ff); }
bool isBF16NaN(uint16_t b) { return (b & 0x7f80) == 0x7f80 && (b & 0x7f); }

TEST(Half, KnownEncodings) {
  EXPECT_EQ(floatToHalfBits(1.0f), 0x3c00);
  EXPECT_EQ(floatToHalfBits(-2.0f), 0xc000);
  EXPECT_EQ(floatToHalfBits(0.0f), 0x0000);
  EXPECT_EQ(floatToHalfBits(-0.0f), 0x8000);
  EXPECT_EQ(floatToHalfBits(0.1f), 0x2e66);     // 0.0999755859375
  EXPECT_EQ(floatToHalfBits(65504.0f), 0x7bff); // largest finite
  EXPECT_EQ(floatToHalfBits(65519.0f), 0x7bff);
  // 65520 is the midpoint between 65504 (odd mantissa 0x3ff) and 2^16, which
  // is out of range: ties-to-even goes up, to infinity.
  EXPECT_EQ(floatToHalfBits(65520.0f), 0x7c00);
  EXPECT_EQ(floatToHalfBits(1e6f), 0x7c00);
  EXPECT_EQ(floatToHalfBits(-1e6f), 0xfc00);
  EXPECT_EQ(floatToHalfBits(kInf), 0x7c00);
  EXPECT_EQ(floatToHalfBits(-kInf), 0xfc00);
}

TEST(Half, Subnormals) {
  EXPECT_EQ(floatToHalfBits(std::ldexp(1.0f, -14)), 0x0400);    // min normal
  EXPECT_EQ(floatToHalfBits(std::ldexp(1023.0f, -24)), 0x03ff); // max subnormal
  EXPECT_EQ(floatToHalfBits(std::ldexp(1.0f, -24)), 0x0001);    // min subnormal
  // 2^-25 is halfway between 0 and 2^-24: ties to even (0).
  EXPECT_EQ(floatToHalfBits(std::ldexp(1.0f, -25)), 0x0000);
  EXPECT_EQ(floatToHalfBits(-std::ldexp(1.0f, -25)), 0x8000);
  // 0.75 * 2^-24 is nearer 2^-24.
  EXPECT_EQ(floatToHalfBits(std::ldexp(3.0f, -26)), 0x0001);
  // 1.5 * 2^-24 is halfway between 1 and 2 units: ties to even (2).
  EXPECT_EQ(floatToHalfBits(std::ldexp(3.0f, -25)), 0x0002);
  // Rounding the largest subnormal up carries into the smallest normal.
  EXPECT_EQ(floatToHalfBits(std::ldexp(2047.0f, -25)), 0x0400);
  EXPECT_EQ(floatToHalfBits(1e-40f), 0x0000); // f32 subnormal
  EXPECT_EQ(halfBitsToFloat(0x0001), std::ldexp(1.0f, -24));
  EXPECT_EQ(halfBitsToFloat(0x03ff), std::ldexp(1023.0f, -24));
  EXPECT_EQ(halfBitsToFloat(0x8001), -std::ldexp(1.0f, -24));
}

TEST(Half, TiesToEvenInTheNormalRange) {
  // Near 1 the f16 spacing is 2^-10.
  EXPECT_EQ(floatToHalfBits(1.0f + std::ldexp(1.0f, -11)), 0x3c00); // tie->even
  EXPECT_EQ(floatToHalfBits(1.0f + std::ldexp(3.0f, -11)), 0x3c02); // tie->even
  EXPECT_EQ(
      floatToHalfBits(1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20)),
      0x3c01); // just above the tie
}

TEST(Half, WideningAndNaN) {
  EXPECT_EQ(halfBitsToFloat(0x3c00), 1.0f);
  EXPECT_EQ(halfBitsToFloat(0x3555), 0.333251953125f);
  EXPECT_EQ(halfBitsToFloat(0x7bff), 65504.0f);
  EXPECT_EQ(halfBitsToFloat(0x7c00), kInf);
  EXPECT_EQ(halfBitsToFloat(0xfc00), -kInf);
  EXPECT_TRUE(std::signbit(halfBitsToFloat(0x8000)));
  EXPECT_TRUE(std::isnan(halfBitsToFloat(0x7e00)));
  EXPECT_TRUE(std::isnan(halfBitsToFloat(0x7c01)));
  EXPECT_TRUE(isHalfNaN(floatToHalfBits(std::nanf(""))));
  // A NaN whose payload sits only in bits f16 drops must not become inf.
  EXPECT_TRUE(isHalfNaN(floatToHalfBits(fromBits(0x7f800001))));
  EXPECT_EQ(floatToHalfBits(fromBits(0xff800001)) & 0x8000, 0x8000);
}

TEST(Half, ExhaustiveRoundTrip) {
  for (uint32_t h = 0; h <= 0xffff; ++h) {
    float f = halfBitsToFloat(static_cast<uint16_t>(h));
    uint16_t back = floatToHalfBits(f);
    if (isHalfNaN(static_cast<uint16_t>(h)))
      EXPECT_TRUE(isHalfNaN(back)) << std::hex << h;
    else
      EXPECT_EQ(back, h) << std::hex << h;
  }
}

TEST(Half, ExhaustiveMidpoints) {
  // Neighbours h, h + 1 for every non-negative finite h (h + 1 may be inf).
  for (uint16_t h = 0; h < 0x7c00; ++h) {
    float lo = halfBitsToFloat(h), hi = halfBitsToFloat(h + 1);
    if (h + 1 == 0x7c00)
      hi = 65536.0f; // where the next value would be without the range limit
    // f16 values have at most 11 significant bits; their midpoint fits in
    // float's 24 exactly.
    float mid = lo + (hi - lo) / 2;
    uint16_t even = (h & 1) ? h + 1 : h;
    uint16_t up = static_cast<uint16_t>(h + 1);
    ASSERT_EQ(floatToHalfBits(mid), even) << std::hex << h;
    ASSERT_EQ(floatToHalfBits(std::nextafter(mid, 0.0f)), h) << std::hex << h;
    ASSERT_EQ(floatToHalfBits(std::nextafter(mid, kInf)), up) << std::hex << h;
    // The sign is independent of rounding.
    ASSERT_EQ(floatToHalfBits(-mid), even | 0x8000) << std::hex << h;
  }
}

TEST(BFloat16, KnownEncodings) {
  EXPECT_EQ(floatToBFloat16Bits(1.0f), 0x3f80);
  EXPECT_EQ(floatToBFloat16Bits(-2.0f), 0xc000);
  EXPECT_EQ(floatToBFloat16Bits(3.0f), 0x4040);
  EXPECT_EQ(floatToBFloat16Bits(-0.0f), 0x8000);
  EXPECT_EQ(bfloat16BitsToFloat(0x3eab), 0.333984375f);
  // Spacing near 1 is 2^-7.
  EXPECT_EQ(floatToBFloat16Bits(1.0f + std::ldexp(1.0f, -8)), 0x3f80); // tie
  EXPECT_EQ(floatToBFloat16Bits(1.0f + std::ldexp(3.0f, -8)), 0x3f82); // tie
  EXPECT_EQ(
      floatToBFloat16Bits(1.0f + std::ldexp(1.0f, -8) + std::ldexp(1.0f, -20)),
      0x3f81);
  // Overflow: the largest float rounds past bf16's largest (0x7f7f) to inf.
  EXPECT_EQ(floatToBFloat16Bits(std::numeric_limits<float>::max()), 0x7f80);
  EXPECT_EQ(floatToBFloat16Bits(fromBits(0x7f7f7fff)), 0x7f7f);
  EXPECT_EQ(floatToBFloat16Bits(kInf), 0x7f80);
  EXPECT_EQ(floatToBFloat16Bits(-kInf), 0xff80);
}

TEST(BFloat16, SubnormalsAndNaN) {
  EXPECT_EQ(floatToBFloat16Bits(fromBits(0x00008000)), 0x0000); // tie->even
  EXPECT_EQ(floatToBFloat16Bits(fromBits(0x00008001)), 0x0001);
  EXPECT_EQ(floatToBFloat16Bits(fromBits(0x00018000)), 0x0002); // tie->even
  EXPECT_EQ(bfloat16BitsToFloat(0x0001), fromBits(0x00010000));
  EXPECT_TRUE(isBF16NaN(floatToBFloat16Bits(std::nanf(""))));
  // Truncating this signalling NaN would give 0x7f80, infinity.
  EXPECT_TRUE(isBF16NaN(floatToBFloat16Bits(fromBits(0x7f800001))));
  EXPECT_EQ(floatToBFloat16Bits(fromBits(0xff800001)), 0xffc0);
  EXPECT_TRUE(std::isnan(bfloat16BitsToFloat(0x7fc0)));
}

TEST(BFloat16, ExhaustiveRoundTripAndMidpoints) {
  for (uint32_t b = 0; b <= 0xffff; ++b) {
    uint16_t back =
        floatToBFloat16Bits(bfloat16BitsToFloat(static_cast<uint16_t>(b)));
    if (isBF16NaN(static_cast<uint16_t>(b)))
      EXPECT_TRUE(isBF16NaN(back)) << std::hex << b;
    else
      EXPECT_EQ(back, b) << std::hex << b;
  }
  // bf16 is the top half of a float, so the midpoint between neighbours b
  // and b + 1 is the float with bits (b << 16) | 0x8000, also across binades.
  for (uint32_t b = 0; b < 0x7f80; ++b) {
    uint32_t mid = (b << 16) | 0x8000;
    uint16_t even = static_cast<uint16_t>((b & 1) ? b + 1 : b);
    ASSERT_EQ(floatToBFloat16Bits(fromBits(mid)), even) << std::hex << b;
    ASSERT_EQ(floatToBFloat16Bits(fromBits(mid - 1)), b) << std::hex << b;
    ASSERT_EQ(floatToBFloat16Bits(fromBits(mid + 1)), b + 1) << std::hex << b;
  }
}

TEST(RoundTo, HelpersWidenTheRoundedValue) {
  EXPECT_EQ(roundToHalf(0.1f), 0.0999755859375f);
  EXPECT_EQ(roundToBFloat16(1.0f + std::ldexp(3.0f, -8)),
            1.0f + std::ldexp(1.0f, -6));
}

} // namespace
