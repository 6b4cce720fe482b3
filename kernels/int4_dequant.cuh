#pragma once
// Device helpers shared by the INT4 kernels (CUDA only: included by .cu files, not by host code).
#include "common.cuh"

namespace awq::cuda::detail {

// One packed word (8 codes, field f holds k-offset {0,2,4,6,1,3,5,7}[f]) to the 4 half2 pairs
// (q - z) in k order, exactly (small integers). Pair p sits in fields p and p + 4 (bits 4p and 16 + 4p):
//   pairs 0 and 2: (x & 0x000F000F) | 0x64006400 with x = w, w >> 8 is the half2 (1024 + q, 1024 + q')
//                  because fp16 1024 (0x6400) has a ulp of exactly 1; minus (1024 + z) gives q - z;
//   pairs 1 and 3: (x & 0x00F000F0) | 0x64006400 is (1024 + 16 q, ...); times 1/16 is 64 + q exactly,
//                  so one HFMA2 with -(64 + z) gives q - z.
// One shift and four LOP3 per word instead of three shifts (Marlin's trick for the upper nibbles).
__device__ __forceinline__ void dequant_diff8(uint32_t w, __half2 zero1024, __half2 neg_zero64, __half2 (&out)[4]) {
    const uint32_t t = w >> 8;
    const uint32_t bits[4] = {(w & 0x000F000Fu) | 0x64006400u, (w & 0x00F000F0u) | 0x64006400u,
                              (t & 0x000F000Fu) | 0x64006400u, (t & 0x00F000F0u) | 0x64006400u};
    const __half2 sixteenth = __float2half2_rn(0.0625f);
#pragma unroll
    for (int p = 0; p < 4; ++p) {
        const __half2 h = *reinterpret_cast<const __half2*>(&bits[p]);
        out[p] = (p & 1) ? __hfma2(h, sixteenth, neg_zero64) : __hsub2(h, zero1024);
    }
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
    return __half2half2(__hadd(z, __float2half(1024.0f)));
}

// (-(64 + z), -(64 + z)): the upper-nibble pairs' offset in dequant_diff8.
__device__ __forceinline__ __half2 neg_zero_64(__half z) {
    return __half2half2(__hneg(__hadd(z, __float2half(64.0f))));
}

}  // namespace awq::cuda::detail
