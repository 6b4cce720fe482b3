#pragma once
// Device helpers shared by the INT4 kernels (CUDA only: included by .cu files, not by host code).
#include "common.cuh"

namespace awq::cuda::detail {

// One packed word (8 codes, field f holds k-offset {0,2,4,6,1,3,5,7}[f]) to 4 half2 pairs in k order:
// ((w >> 4f) & 0x000F000F) | 0x64006400 is the half2 (1024 + q[2f], 1024 + q[2f+1]) because fp16 1024
// (0x6400) has a ulp of exactly 1 (one LOP3 per pair). Subtracting zero1024 = 1024 + z is exact (small
// integers), and one multiply by the scale rounds once: the same value as fp16((q - z) * s).
__device__ __forceinline__ void dequant8(uint32_t w, __half2 zero1024, __half2 scale, __half2 (&out)[4]) {
#pragma unroll
    for (int f = 0; f < 4; ++f) {
        const uint32_t bits = ((w >> (4 * f)) & 0x000F000Fu) | 0x64006400u;
        const __half2 h = *reinterpret_cast<const __half2*>(&bits);
        out[f] = __hmul2(__hsub2(h, zero1024), scale);
    }
}

// (1024 + z, 1024 + z) for a zero point stored as an fp16 integer.
__device__ __forceinline__ __half2 zero_1024(__half z) {
    return __half2half2(__hadd(z, __float2half(1024.0f)));
}

}  // namespace awq::cuda::detail
