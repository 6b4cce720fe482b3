// SPDX-License-Identifier: MIT
#pragma once
// Device helper shared by the RMSNorm kernels (rmsnorm.cu, residual_rmsnorm.cu; CUDA only): one block per
// row. Both reduce in the same order, so the fused kernel gives the same bits as residual_add + rmsnorm.
#include "common.cuh"

namespace awq::cuda::detail {

// 1 / sqrt(mean of squares + eps) of a row of `dim` values, from each thread's partial sum of squares
// `ss` (a block of kThreads threads, a multiple of 32); every thread gets the result.
template <int kThreads>
__device__ __forceinline__ float row_inverse_rms(float ss, int dim, float eps) {
    __shared__ float partial[kThreads / 32];
    for (int off = 16; off > 0; off >>= 1) ss += __shfl_xor_sync(0xffffffffu, ss, off);
    if ((threadIdx.x & 31) == 0) partial[threadIdx.x >> 5] = ss;
    __syncthreads();
    float total = 0.0f;
#pragma unroll
    for (int w = 0; w < kThreads / 32; ++w) total += partial[w];
    return rsqrtf(total / float(dim) + eps);
}

// y = x * inv * weight over the row, fp16 out.
template <int kThreads>
__device__ __forceinline__ void write_normed_row(const __half* x, const __half* __restrict__ weight, __half* y,
                                                 int dim, float inv) {
    for (int i = threadIdx.x; i < dim; i += kThreads) y[i] = __float2half(__half2float(x[i]) * inv * __half2float(weight[i]));
}

}  // namespace awq::cuda::detail
