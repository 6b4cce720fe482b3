// SPDX-License-Identifier: MIT
// rmsnorm_f32: the fp32 RMSNorm of the GPU AWQ backend (input / post-attention norms, qwen3's per-head
// q/k norms). One 128-thread block per row; the square sum is accumulated in double like the CPU
// (only its order differs), the scaling is (x * inv) * w with unfused products, as the CPU rounds it.
// Test: tests/gpu/test_gpu_quant.cpp against awq::rms_norm (relative error 1e-6).
#include "rmsnorm_f32.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 128;

__global__ void __launch_bounds__(kThreads)
    rmsnorm_f32_kernel(const float* x, const float* __restrict__ weight, float* y, int dim, float eps) {
    __shared__ double partial[kThreads / 32];
    const float* xr = x + (long long)blockIdx.x * dim;
    float* yr = y + (long long)blockIdx.x * dim;
    double ss = 0;
    for (int i = threadIdx.x; i < dim; i += kThreads) ss += double(xr[i]) * double(xr[i]);
    for (int off = 16; off > 0; off >>= 1) ss += __shfl_xor_sync(0xffffffffu, ss, off);
    if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = ss;
    __syncthreads();
    double total = 0;
    for (int w = 0; w < kThreads / 32; ++w) total += partial[w];
    const float inv = float(1.0 / sqrt(total / double(dim) + double(eps)));
    for (int i = threadIdx.x; i < dim; i += kThreads) yr[i] = __fmul_rn(__fmul_rn(xr[i], inv), weight[i]);
}

}  // namespace

cudaError_t rmsnorm_f32(const float* x, const float* weight, float* y, long long rows, int dim, float eps,
                        cudaStream_t stream) {
    if (!x || !weight || !y || rows < 1 || rows > 0x7fffffffLL || dim < 1 || !(eps >= 0.0f))
        return cudaErrorInvalidValue;
    rmsnorm_f32_kernel<<<unsigned(rows), kThreads, 0, stream>>>(x, weight, y, dim, eps);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
