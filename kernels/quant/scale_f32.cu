// SPDX-License-Identifier: MIT
// scale_f32: multiplies or divides the rows or columns of an fp32 matrix by AWQ scales, one IEEE
// operation per element (__fmul_rn / __fdiv_rn: bit-identical to the CPU). Grid-stride loop.
// Test: tests/gpu/test_gpu_quant.cpp against awq::scale_columns / divide_columns / divide_rows (exact).
#include "scale_f32.cuh"

namespace awq::cuda {

namespace {

__global__ void scale_kernel(float* x, long long total, int cols, const float* __restrict__ s, ScaleMode mode) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < total; i += (long long)gridDim.x * blockDim.x) {
        if (mode == ScaleMode::MulColumns) x[i] = __fmul_rn(x[i], s[i % cols]);
        else if (mode == ScaleMode::DivColumns) x[i] = __fdiv_rn(x[i], s[i % cols]);
        else x[i] = __fdiv_rn(x[i], s[i / cols]);
    }
}

}  // namespace

cudaError_t apply_scale_f32(float* x, long long rows, int cols, const float* s, ScaleMode mode, cudaStream_t stream) {
    if (!x || !s || rows < 1 || cols < 1) return cudaErrorInvalidValue;
    const long long total = rows * cols, blocks = (total + 255) / 256;
    scale_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(x, total, cols, s, mode);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
