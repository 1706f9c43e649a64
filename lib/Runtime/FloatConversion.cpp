//===- FloatConversion.cpp - f16/bf16 <-> f32 bit conversions -------------===//

#include "attn/Runtime/FloatConversion.h"

#include <cstring>

namespace attn::runtime {

namespace {

uint32_t floatBits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, sizeof u);
  return u;
}

float bitsToFloat(uint32_t u) {
  float f;
  std::memcpy(&f, &u, sizeof f);
  return f;
}

/// v >> shift, rounded to nearest with ties to even (1 <= shift <= 31).
uint32_t shiftRightRoundEven(uint32_t v, unsigned shift) {
  uint32_t q = v >> shift;
  uint32_t rem = v & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (rem > half || (rem == half && (q & 1)))
    ++q;
  return q;
}

} // namespace

uint16_t floatToHalfBits(float value) {
  const uint32_t x = floatBits(value);
  const uint16_t sign = static_cast<uint16_t>((x >> 16) & 0x8000);
  const uint32_t mag = x & 0x7fffffff;

  if (mag >= 0x7f800000) {
    if (mag == 0x7f800000)
      return sign | 0x7c00; // inf
    // NaN: keep the top payload bits and force the quiet bit so a payload
    // that lives only in the low bits cannot turn into infinity.
    return sign | 0x7e00 | static_cast<uint16_t>((mag >> 13) & 0x3ff);
  }
  if (mag >= 0x38800000) {
    // Normal in f16 (>= 2^-14): rebias the exponent from 127 to 15 and
    // round away 13 mantissa bits. A carry out of the mantissa bumps the
    // exponent, which is the right answer; anything that lands at or past
    // 0x7c00 (65520 and above) is out of range and becomes infinity.
    uint32_t rebiased = mag - ((127u - 15u) << 23);
    uint32_t h = shiftRightRoundEven(rebiased, 13);
    return sign | static_cast<uint16_t>(h >= 0x7c00 ? 0x7c00 : h);
  }
  // Subnormal or zero in f16: the result counts units of 2^-24. With the
  // implicit bit made explicit, mag = m * 2^(e - 23), so the unit count is
  // m * 2^(e + 1) = m >> -(e + 1).
  const int e = static_cast<int>(mag >> 23) - 127;
  const int shift = -(e + 1);
  if ((mag >> 23) == 0 || shift > 24)
    return sign; // Below half of 2^-24 (f32 subnormals included): +-0.
  const uint32_t m = (mag & 0x7fffff) | 0x800000;
  // The result may round up to 0x400, which is exactly the smallest normal.
  return sign | static_cast<uint16_t>(shiftRightRoundEven(m, shift));
}

float halfBitsToFloat(uint16_t bits) {
  const uint32_t sign = static_cast<uint32_t>(bits & 0x8000) << 16;
  const uint32_t exp = (bits >> 10) & 0x1f;
  uint32_t mant = bits & 0x3ff;
  if (exp == 0x1f)
    return bitsToFloat(sign | 0x7f800000 | (mant << 13));
  if (exp != 0)
    return bitsToFloat(sign | ((exp + 127 - 15) << 23) | (mant << 13));
  if (mant == 0)
    return bitsToFloat(sign);
  // Subnormal: normalize so the leading 1 becomes f32's implicit bit.
  int e = 127 - 15 + 1;
  while (!(mant & 0x400)) {
    mant <<= 1;
    --e;
  }
  return bitsToFloat(sign | (static_cast<uint32_t>(e) << 23) |
                     ((mant & 0x3ff) << 13));
}

uint16_t floatToBFloat16Bits(float value) {
  const uint32_t x = floatBits(value);
  if ((x & 0x7fffffff) > 0x7f800000) // NaN: truncate and force quiet bit.
    return static_cast<uint16_t>((x >> 16) | 0x0040);
  // Same exponent range as f32, so rounding the low 16 bits handles normals,
  // subnormals and overflow to infinity alike. Adding 0x7fff (+1 when the
  // kept lsb is odd) carries into bit 16 exactly when rounding goes up.
  const uint32_t bias = 0x7fff + ((x >> 16) & 1);
  return static_cast<uint16_t>((x + bias) >> 16);
}

float bfloat16BitsToFloat(uint16_t bits) {
  return bitsToFloat(static_cast<uint32_t>(bits) << 16);
}

} // namespace attn::runtime
