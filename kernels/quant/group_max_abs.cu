// SPDX-License-Identifier: MIT
// group_max_abs: the largest |w| of each (row, quantization group), one warp per group (shuffle max).
// Feeds weight_mean_normalised (duo scaling) and the clip search's unclipped bounds.
// Test: tests/gpu/test_gpu_quant.cpp (exact, through weight_mean_normalised and the clip search).
#include "group_max_abs.cuh"

namespace awq::cuda {

namespace {

constexpr int kWarps = 8;

__global__ void __launch_bounds__(kWarps * 32)
    group_max_abs_kernel(const float* __restrict__ w, int rows, int in, int group, float* __restrict__ gmax) {
    const int groups = (in + group - 1) / group;
    const long long task = (long long)blockIdx.x * kWarps + (threadIdx.x >> 5);
    if (task >= (long long)rows * groups) return;
    const int lane = threadIdx.x & 31;
    const long long row = task / groups;
    const int g0 = int(task % groups) * group, g1 = g0 + group < in ? g0 + group : in;
    float m = 0.0f;
    for (int i = g0 + lane; i < g1; i += 32) m = fmaxf(m, fabsf(w[row * in + i]));
    for (int off = 16; off > 0; off >>= 1) m = fmaxf(m, __shfl_xor_sync(0xffffffffu, m, off));
    if (lane == 0) gmax[task] = m;
}

}  // namespace

cudaError_t group_max_abs(const float* w, int rows, int in, int group, float* gmax, cudaStream_t stream) {
    if (!w || !gmax || rows < 1 || in < 1 || group < 1) return cudaErrorInvalidValue;
    const long long tasks = (long long)rows * ((in + group - 1) / group);
    group_max_abs_kernel<<<unsigned((tasks + kWarps - 1) / kWarps), kWarps * 32, 0, stream>>>(w, rows, in, group, gmax);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
