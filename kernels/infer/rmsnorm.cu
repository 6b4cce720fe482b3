// SPDX-License-Identifier: MIT
// rmsnorm: Llama's RMSNorm, y = x / sqrt(mean(x^2) + eps) * weight, row-major [rows][dim], fp16 in/out.
// One 256-thread block per row: each thread sums the squares of a strided slice in fp32, a warp shuffle
// then a shared-memory pass reduce them, and the same threads scale their slice (the row is read twice;
// the second read hits L1/L2 for any Llama width). Rounds once to fp16 (HF rounds x * rsqrt first, then
// multiplies by the weight in fp16: within one fp16 ulp of this).
// Test: tests/gpu/test_gpu_kernels.cpp against awq::rms_norm (core/src/runtime/ops.cpp).
#include "rmsnorm.cuh"
#include "row_rms.cuh"
#include "programmatic_launch.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 256;

__global__ void __launch_bounds__(kThreads) rmsnorm_kernel(const __half* x, const __half* __restrict__ weight,
                                                           __half* y, int dim, float eps) {
    programmatic_launch_dependents();  // a gemv launched after this one may start requesting its weights
    const __half* xr = x + size_t(blockIdx.x) * dim;
    __half* yr = y + size_t(blockIdx.x) * dim;
    float ss = 0.0f;
    for (int i = threadIdx.x; i < dim; i += kThreads) {
        const float v = __half2float(xr[i]);
        ss = fmaf(v, v, ss);
    }
    detail::write_normed_row<kThreads>(xr, weight, yr, dim, detail::row_inverse_rms<kThreads>(ss, dim, eps));
}

}  // namespace

cudaError_t rmsnorm(const __half* x, const __half* weight, __half* y, int rows, int dim, float eps,
                    cudaStream_t stream) {
    if (!x || !weight || !y || rows < 1 || dim < 1 || !(eps >= 0.0f)) return cudaErrorInvalidValue;
    rmsnorm_kernel<<<rows, kThreads, 0, stream>>>(x, weight, y, dim, eps);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
