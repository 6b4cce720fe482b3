// SPDX-License-Identifier: MIT
#pragma once
// Device helpers shared by the INT4 kernels (CUDA only: included by .cu files, not by host code).
#include "common.cuh"

namespace awq::cuda::detail {

// fp16 constants from their bit patterns: __float2half2_rn(constant) is inline assembly the compiler neither
// folds nor hoists out of loops (one CVT + MOV per use in the inner loops otherwise).
__device__ __forceinline__ __half2 half2_constant(uint16_t bits) {
    return __halves2half2(__ushort_as_half(bits), __ushort_as_half(bits));
}
__device__ __forceinline__ __half half_constant(uint16_t bits) { return __ushort_as_half(bits); }
constexpr uint16_t kHalfSixteenth = 0x2C00, kHalf4 = 0x4400, kHalf16 = 0x4C00, kHalf64 = 0x5400, kHalf1024 = 0x6400;

// (x & mask) | magic in one LOP3. Written as C++ the compiler emits two (a SASS LOP3 takes one immediate, and
// it does not keep the second constant in a register): measured on an H100, 129 LOP3 where 64 were due.
__device__ __forceinline__ uint32_t and_or(uint32_t x, uint32_t mask, uint32_t magic) {
    uint32_t r;
    asm("lop3.b32 %0, %1, %2, %3, 0xEA;\n" : "=r"(r) : "r"(x), "r"(mask), "r"(magic));  // 0xEA: (a & b) | c
    return r;
}

// One packed word (8 codes, field f holds k-offset {0,2,4,6,1,3,5,7}[f]) to the 4 half2 pairs
// (q - z) in k order, exactly (small integers). Pair p sits in fields p and p + 4 (bits 4p and 16 + 4p):
//   pairs 0 and 2: (x & 0x000F000F) | 0x64006400 with x = w, w >> 8 is the half2 (1024 + q, 1024 + q')
//                  because fp16 1024 (0x6400) has a ulp of exactly 1; minus (1024 + z) gives q - z;
//   pairs 1 and 3: (x & 0x00F000F0) | 0x64006400 is (1024 + 16 q, ...); times 1/16 is 64 + q exactly,
//                  so one HFMA2 with -(64 + z) gives q - z.
// One shift and four LOP3 per word instead of three shifts (Marlin's trick for the upper nibbles).
__device__ __forceinline__ void dequant_diff8(uint32_t w, __half2 zero1024, __half2 neg_zero64, __half2 (&out)[4]) {
    const uint32_t t = w >> 8;
    const uint32_t bits[4] = {and_or(w, 0x000F000Fu, 0x64006400u), and_or(w, 0x00F000F0u, 0x64006400u),
                              and_or(t, 0x000F000Fu, 0x64006400u), and_or(t, 0x00F000F0u, 0x64006400u)};
    const __half2 sixteenth = half2_constant(kHalfSixteenth);
#pragma unroll
    for (int p = 0; p < 4; ++p) {
        const __half2 h = *reinterpret_cast<const __half2*>(&bits[p]);
        out[p] = (p & 1) ? __hfma2(h, sixteenth, neg_zero64) : __hsub2(h, zero1024);
    }
}

// The same 4 pairs as (q - z) / 16, exactly, with one LOP3 and one HSUB2 per pair and no multiply:
//   pairs 0 and 2: (x & 0x000F000F) | 0x54005400 is (64 + q / 16, ...): fp16 64 (0x5400) has a ulp of 1/16;
//   pairs 1 and 3: (x & 0x00F000F0) | 0x44004400 is (4 + 16 q / 256, ...) = (4 + q / 16, ...): fp16 4 (0x4400)
//                  has a ulp of 1/256;
// minus (64 + z / 16) resp. (4 + z / 16), both exact in fp16 for z = 0..15, leaves (q - z) / 16 (a multiple of
// 1/16 below 1 in magnitude, exact). The factor 16 goes into the scale. Used where the products are summed
// in fp32 (tensor cores): the values stay small, and a pair costs two instructions instead of three.
__device__ __forceinline__ void dequant_diff16_8(uint32_t w, __half2 offset_low, __half2 offset_high, __half2 (&out)[4]) {
    const uint32_t t = w >> 8;
    const uint32_t bits[4] = {and_or(w, 0x000F000Fu, 0x54005400u), and_or(w, 0x00F000F0u, 0x44004400u),
                              and_or(t, 0x000F000Fu, 0x54005400u), and_or(t, 0x00F000F0u, 0x44004400u)};
#pragma unroll
    for (int p = 0; p < 4; ++p)
        out[p] = __hsub2(*reinterpret_cast<const __half2*>(&bits[p]), (p & 1) ? offset_high : offset_low);
}

// dequant_diff16_8's offsets for a zero point stored as an fp16 integer: (64 + z / 16) and (4 + z / 16).
// One HFMA2 each, exact: z / 16 and the sums are representable.
__device__ __forceinline__ __half2 offset16_low(__half z) {
    return __hfma2(__half2half2(z), half2_constant(kHalfSixteenth), half2_constant(kHalf64));
}
__device__ __forceinline__ __half2 offset16_high(__half z) {
    return __hfma2(__half2half2(z), half2_constant(kHalfSixteenth), half2_constant(kHalf4));
}

// The same pairs dequantised: (q - z) * s with one rounding, the same value as fp16((q - z) * s).
__device__ __forceinline__ void dequant8(uint32_t w, __half2 zero1024, __half2 neg_zero64, __half2 scale,
                                         __half2 (&out)[4]) {
    dequant_diff8(w, zero1024, neg_zero64, out);
#pragma unroll
    for (int p = 0; p < 4; ++p) out[p] = __hmul2(out[p], scale);
}

// (1024 + z, 1024 + z) for a zero point stored as an fp16 integer.
__device__ __forceinline__ __half2 zero_1024(__half z) {
    return __half2half2(__hadd(z, half_constant(kHalf1024)));
}

// (-(64 + z), -(64 + z)): the upper-nibble pairs' offset in dequant_diff8.
__device__ __forceinline__ __half2 neg_zero_64(__half z) {
    return __half2half2(__hneg(__hadd(z, half_constant(kHalf64))));
}

}  // namespace awq::cuda::detail
