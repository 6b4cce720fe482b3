// SPDX-License-Identifier: MIT
// bias_add: y[r][c] += bias[c] over a contiguous [rows][n] fp16 matrix (the output of a linear layer with
// a bias). Grid-stride loop over the rows * n elements, fp32 sum, one rounding (what the CPU's float
// y + b becomes once stored in fp16). Memory-bound; nothing more is needed.
// Test: tests/gpu/test_gpu_kernels.cpp against a float loop.
#include "bias_add.cuh"

namespace awq::cuda {

namespace {

__global__ void bias_add_kernel(__half* y, const __half* __restrict__ bias, long long total, int n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total;
         i += (long long)gridDim.x * blockDim.x)
        y[i] = __float2half(__half2float(y[i]) + __half2float(bias[i % n]));
}

}  // namespace

cudaError_t bias_add(__half* y, const __half* bias, int rows, int n, cudaStream_t stream) {
    if (!y || !bias || rows < 1 || n < 1) return cudaErrorInvalidValue;
    const long long total = (long long)rows * n, blocks = (total + 255) / 256;
    bias_add_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(y, bias, total, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
