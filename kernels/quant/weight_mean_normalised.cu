// SPDX-License-Identifier: MIT
// weight_mean_normalised: one thread per input channel walks the rows in order (coalesced across the
// threads of a warp), adding |w| / (group max + 1e-6) in double: the CPU's operations in the CPU's order,
// so the result is bit-identical. A few thousand threads only, but each layer calls it four times and
// it takes well under a millisecond at 7B shapes; not worth a split reduction.
// Test: tests/gpu/test_gpu_quant.cpp against awq::weight_mean_normalised.
#include "weight_mean_normalised.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 128;

__global__ void weight_mean_kernel(const float* __restrict__ w, int rows, int in, int group,
                                   const float* __restrict__ gmax, float* __restrict__ mean) {
    const int i = blockIdx.x * kThreads + threadIdx.x;
    if (i >= in) return;
    const int groups = (in + group - 1) / group, g = i / group;
    double acc = 0;
    for (int o = 0; o < rows; ++o)
        acc += double(fabsf(w[(long long)o * in + i])) / (double(gmax[(long long)o * groups + g]) + 1e-6);
    mean[i] = float(acc / double(rows));
}

}  // namespace

cudaError_t weight_mean_normalised(const float* w, int rows, int in, int group, const float* gmax, float* mean,
                                   cudaStream_t stream) {
    if (!w || !gmax || !mean || rows < 1 || in < 1 || group < 1) return cudaErrorInvalidValue;
    weight_mean_kernel<<<unsigned((in + kThreads - 1) / kThreads), kThreads, 0, stream>>>(w, rows, in, group, gmax,
                                                                                       mean);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
