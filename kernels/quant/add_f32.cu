// SPDX-License-Identifier: MIT
// add_f32: the two additions of an fp32 decoder layer on the GPU AWQ backend, residual (x += r) and bias
// (y[r][c] += b[c]); grid-stride loops, one rounding each, exactly the CPU's float sums.
// Test: tests/gpu/test_gpu_quant.cpp against float loops (exact).
#include "add_f32.cuh"

namespace awq::cuda {

namespace {

__global__ void residual_add_f32_kernel(float* x, const float* __restrict__ r, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        x[i] = x[i] + r[i];
}

__global__ void bias_add_f32_kernel(float* y, const float* __restrict__ b, long long total, int n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total; i += (long long)gridDim.x * blockDim.x)
        y[i] = y[i] + b[i % n];
}

unsigned blocks(long long n) {
    const long long b = (n + 255) / 256;
    return unsigned(b < 65536 ? b : 65536);
}

}  // namespace

cudaError_t residual_add_f32(float* x, const float* r, long long n, cudaStream_t stream) {
    if (!x || !r || n < 1) return cudaErrorInvalidValue;
    residual_add_f32_kernel<<<blocks(n), 256, 0, stream>>>(x, r, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

cudaError_t bias_add_f32(float* y, const float* bias, long long rows, int n, cudaStream_t stream) {
    if (!y || !bias || rows < 1 || n < 1) return cudaErrorInvalidValue;
    bias_add_f32_kernel<<<blocks(rows * n), 256, 0, stream>>>(y, bias, rows * n, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
