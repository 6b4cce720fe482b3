// SPDX-License-Identifier: MIT
// residual_rmsnorm: a decoder layer's residual add fused with the RMSNorm that follows it (the attention
// residual + post_attention_layernorm, the MLP residual + the next layer's input_layernorm or the final
// norm): one launch and one read of the row instead of two, which matters at decode where each of these
// kernels is a few microseconds of launch for 8 KB of data.
// Layout and reduction are rmsnorm.cu's (one 256-thread block per row, strided slices, warp shuffle then
// shared memory, same order): each thread first forms its slice's x + res in fp32, rounds it to fp16,
// stores it and accumulates the square of the rounded value, so the result equals residual_add then
// rmsnorm bit for bit (the model runner's graph and plain paths, and the CPU bound, rely on nothing else).
// The second pass re-reads the values this same thread stored (no barrier needed for them).
// Test: tests/gpu/test_gpu_kernels.cpp against a float residual + awq::rms_norm, and bit-identity with the
// two separate kernels.
#include "residual_rmsnorm.cuh"
#include "row_rms.cuh"
#include "programmatic_launch.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 256;

__global__ void __launch_bounds__(kThreads)
    residual_rmsnorm_kernel(__half* x, const __half* __restrict__ res, const __half* __restrict__ weight,
                            __half* __restrict__ y, int dim, float eps) {
    programmatic_launch_dependents();  // a gemv launched after this one may start requesting its weights
    __half* xr = x + size_t(blockIdx.x) * dim;
    const __half* rr = res + size_t(blockIdx.x) * dim;
    __half* yr = y + size_t(blockIdx.x) * dim;
    float ss = 0.0f;
    for (int i = threadIdx.x; i < dim; i += kThreads) {
        const __half s = __float2half(__half2float(xr[i]) + __half2float(rr[i]));
        xr[i] = s;
        const float v = __half2float(s);
        ss = fmaf(v, v, ss);
    }
    detail::write_normed_row<kThreads>(xr, weight, yr, dim, detail::row_inverse_rms<kThreads>(ss, dim, eps));
}

}  // namespace

cudaError_t residual_rmsnorm(__half* x, const __half* res, const __half* weight, __half* y, int rows, int dim,
                             float eps, cudaStream_t stream) {
    if (!x || !res || !weight || !y || y == x || y == res || rows < 1 || dim < 1 || !(eps >= 0.0f))
        return cudaErrorInvalidValue;
    residual_rmsnorm_kernel<<<rows, kThreads, 0, stream>>>(x, res, weight, y, dim, eps);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
