// SPDX-License-Identifier: MIT
// residual_add: x += r over n fp16 values (the residual stream of a decoder layer). Grid-stride loop,
// fp32 sum, one rounding. Test: tests/gpu/test_gpu_kernels.cpp against a float loop.
#include "residual_add.cuh"

namespace awq::cuda {

namespace {

__global__ void residual_add_kernel(__half* x, const __half* __restrict__ r, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x)
        x[i] = __float2half(__half2float(x[i]) + __half2float(r[i]));
}

}  // namespace

cudaError_t residual_add(__half* x, const __half* r, long long n, cudaStream_t stream) {
    if (!x || !r || n < 1) return cudaErrorInvalidValue;
    const long long blocks = (n + 255) / 256;
    residual_add_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, r, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
