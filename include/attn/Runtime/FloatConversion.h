//===- FloatConversion.h - f16/bf16 <-> f32 bit conversions ---------------===//
//
// Portable software conversions (no F16C, no compiler _Float16) so results do
// not depend on the host or on compiler flags. Narrowing rounds to nearest,
// ties to even, overflows to infinity, produces subnormals where the format
// has them, and keeps NaN a NaN (quieted, sign kept). Widening is exact.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_RUNTIME_FLOATCONVERSION_H
#define ATTN_RUNTIME_FLOATCONVERSION_H

#include <cstdint>

namespace attn::runtime {

/// IEEE binary16 bits nearest to `value`.
uint16_t floatToHalfBits(float value);
/// The binary16 value `bits` as a float (exact).
float halfBitsToFloat(uint16_t bits);

/// bfloat16 bits (the top half of a binary32) nearest to `value`.
uint16_t floatToBFloat16Bits(float value);
/// The bfloat16 value `bits` as a float (exact).
float bfloat16BitsToFloat(uint16_t bits);

/// `value` rounded to the nearest f16 / bf16 and widened back, e.g. to feed
/// the reference exactly the inputs a low-precision kernel sees.
inline float roundToHalf(float value) {
  return halfBitsToFloat(floatToHalfBits(value));
}
inline float roundToBFloat16(float value) {
  return bfloat16BitsToFloat(floatToBFloat16Bits(value));
}

} // namespace attn::runtime

#endif // ATTN_RUNTIME_FLOATCONVERSION_H
