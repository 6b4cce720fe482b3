// SPDX-License-Identifier: MIT
// silu_mul_f32: SwiGLU in fp32 for the GPU AWQ backend; expf (full precision), unfused operations in the
// CPU reference's order. Grid-stride loop; memory-bound.
// Test: tests/gpu/test_gpu_quant.cpp against awq::silu_mul (relative error 1e-6: the CPU's vectorised exp
// differs from expf in the last bits).
#include "silu_mul_f32.cuh"

namespace awq::cuda {

namespace {

__global__ void silu_mul_f32_kernel(float* gate, const float* __restrict__ up, long long n) {
    for (long long i = blockIdx.x * (long long)blockDim.x + threadIdx.x; i < n; i += (long long)gridDim.x * blockDim.x) {
        const float g = gate[i];
        gate[i] = __fmul_rn(__fdiv_rn(g, __fadd_rn(1.0f, expf(-g))), up[i]);
    }
}

}  // namespace

cudaError_t silu_mul_f32(float* gate, const float* up, long long n, cudaStream_t stream) {
    if (!gate || !up || n < 1) return cudaErrorInvalidValue;
    const long long blocks = (n + 255) / 256;
    silu_mul_f32_kernel<<<unsigned(blocks < 65536 ? blocks : 65536), 256, 0, stream>>>(gate, up, n);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
