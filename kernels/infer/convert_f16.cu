// SPDX-License-Identifier: MIT
// convert_f16: an F32 / F16 / BF16 device buffer to fp16, element-wise (weight upload of dense models:
// the raw checkpoint bytes are copied to a staging buffer and converted here). BF16 is the top half of
// an F32, so bf16 -> float is a shift and the only rounding is __float2half_rn (nearest even), exactly
// what awq::f32_to_f16 does on the host; values beyond the fp16 range become +-inf, as there.
// Test: tests/gpu/test_gpu_kernels.cpp against f32_to_f16 bit for bit.
#include "convert_f16.cuh"

namespace awq::cuda {

namespace {

__global__ void convert_kernel(const void* __restrict__ src, int type, __half* __restrict__ dst, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        float v;
        if (type == int(SourceType::F32)) {
            v = static_cast<const float*>(src)[i];
        } else if (type == int(SourceType::BF16)) {
            v = __uint_as_float(uint32_t(static_cast<const uint16_t*>(src)[i]) << 16);
        } else {
            dst[i] = static_cast<const __half*>(src)[i];
            continue;
        }
        dst[i] = __float2half_rn(v);
    }
}

}  // namespace

cudaError_t convert_to_f16(const void* src, SourceType type, __half* dst, long long n, cudaStream_t stream) {
    if (!src || !dst || n < 1 || (type != SourceType::F32 && type != SourceType::F16 && type != SourceType::BF16))
        return cudaErrorInvalidValue;
    const long long blocks = (n + 255) / 256;
    convert_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(src, int(type), dst, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
