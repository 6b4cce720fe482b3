// SPDX-License-Identifier: MIT
// channel_mean_abs: per-column mean |x| over the rows of a row-major fp32 matrix, as awq::channel_mean_abs
// computes it (double sums, one division, rounded to float). Two passes so that tall inputs (65536 tokens)
// use the whole GPU and the result does not depend on scheduling: pass 1 gives each of kSlices row
// slices a double partial per column (threads along columns: coalesced reads), pass 2 adds the slices in
// order. The CPU adds rows in order instead; the double sums differ in the last bits only, so the floats
// agree to within an ulp.
// Test: tests/gpu/test_gpu_quant.cpp against awq::channel_mean_abs.
#include "channel_mean_abs.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 256;
constexpr long long kSlices = 64;

__global__ void partial_kernel(const float* __restrict__ x, long long rows, int cols, long long rows_per_slice,
                               double* __restrict__ partial) {
    const int c = blockIdx.x * kThreads + threadIdx.x;
    const long long slice = blockIdx.y;
    if (c >= cols) return;
    const long long r0 = slice * rows_per_slice, r1 = r0 + rows_per_slice < rows ? r0 + rows_per_slice : rows;
    double s = 0;
    for (long long r = r0; r < r1; ++r) s += fabs(double(x[r * cols + c]));
    partial[slice * cols + c] = s;
}

__global__ void finish_kernel(const double* __restrict__ partial, long long slices, long long rows, int cols,
                              float* __restrict__ mean) {
    const int c = blockIdx.x * kThreads + threadIdx.x;
    if (c >= cols) return;
    double s = 0;
    for (long long k = 0; k < slices; ++k) s += partial[k * cols + c];
    mean[c] = float(s / double(rows > 0 ? rows : 1));
}

}  // namespace

long long channel_mean_abs_partials(long long rows, int cols) { return kSlices * (long long)cols; }

cudaError_t channel_mean_abs(const float* x, long long rows, int cols, double* partial, float* mean,
                             cudaStream_t stream) {
    if (!x || !partial || !mean || rows < 1 || cols < 1) return cudaErrorInvalidValue;
    const long long slices = rows < kSlices ? rows : kSlices;
    const long long per = (rows + slices - 1) / slices;
    const unsigned bx = unsigned((cols + kThreads - 1) / kThreads);
    partial_kernel<<<dim3(bx, unsigned(slices)), kThreads, 0, stream>>>(x, rows, cols, per, partial);
    AWQ_LAUNCH_CHECK();
    finish_kernel<<<bx, kThreads, 0, stream>>>(partial, slices, rows, cols, mean);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
