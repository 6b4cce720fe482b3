// SPDX-License-Identifier: MIT
// reduce_f64: the double-precision sums behind the GPU AWQ backend's losses. Pass 1: kReducePartials
// blocks of 256 threads, grid-stride, each thread a double sum, block-reduced with shuffles; pass 2: one
// block adds the partials. The CPU sums in order (or OpenMP chunks); only the order differs.
// Test: tests/gpu/test_gpu_quant.cpp against double loops (relative error 1e-12).
#include "reduce_f64.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 256;

__device__ double block_sum(double v) {
    __shared__ double shared[kThreads / 32];
    for (int off = 16; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off);
    if ((threadIdx.x & 31) == 0) shared[threadIdx.x >> 5] = v;
    __syncthreads();
    double r = 0;
    if (threadIdx.x == 0)
        for (int w = 0; w < kThreads / 32; ++w) r += shared[w];
    return r;
}

// mode 0: (a - b)^2 (b may be null), mode 1: a * b.
__global__ void __launch_bounds__(kThreads)
    partial_kernel(const float* __restrict__ a, const float* __restrict__ b, long long n, int mode, double* partial) {
    double s = 0;
    for (long long i = blockIdx.x * (long long)kThreads + threadIdx.x; i < n; i += (long long)gridDim.x * kThreads) {
        if (mode == 1) {
            s += double(a[i]) * double(b[i]);
        } else {
            const double d = b ? double(a[i]) - double(b[i]) : double(a[i]);
            s += d * d;
        }
    }
    s = block_sum(s);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}

__global__ void __launch_bounds__(kThreads) finish_kernel(const double* __restrict__ partial, int n, double* result) {
    double s = 0;
    for (int i = threadIdx.x; i < n; i += kThreads) s += partial[i];
    s = block_sum(s);
    if (threadIdx.x == 0) *result = s;
}

cudaError_t reduce(const float* a, const float* b, long long n, int mode, double* partial, double* result,
                   cudaStream_t stream) {
    if (!a || (mode == 1 && !b) || !partial || !result || n < 1) return cudaErrorInvalidValue;
    const long long want = (n + kThreads - 1) / kThreads;
    const int blocks = int(want < kReducePartials ? want : kReducePartials);
    partial_kernel<<<blocks, kThreads, 0, stream>>>(a, b, n, mode, partial);
    AWQ_LAUNCH_CHECK();
    finish_kernel<<<1, kThreads, 0, stream>>>(partial, blocks, result);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace

cudaError_t sum_sq_diff_f64(const float* a, const float* b, long long n, double* partial, double* result,
                            cudaStream_t stream) {
    return reduce(a, b, n, 0, partial, result, stream);
}

cudaError_t dot_f64(const float* a, const float* b, long long n, double* partial, double* result, cudaStream_t stream) {
    return reduce(a, b, n, 1, partial, result, stream);
}

}  // namespace awq::cuda
