// SPDX-License-Identifier: MIT
// causal_softmax_f32: the softmax step of the GPU AWQ backend's fp32 attention (the two products are
// cuBLAS batched SGEMMs). One 128-thread block per score row: block max, expf(x - max) written back and
// block-summed (warp shuffles, then shared memory), times 1 / sum; masked entries set to 0 so that the
// following P V product can run over the whole row.
// Test: tests/gpu/test_gpu_quant.cpp against a double-precision softmax (relative error 1e-5).
#include "causal_softmax_f32.cuh"

namespace awq::cuda {

namespace {

constexpr int kThreads = 128;

__device__ float block_reduce(float v, bool is_max, float* shared) {
    for (int off = 16; off > 0; off >>= 1) {
        const float o = __shfl_xor_sync(0xffffffffu, v, off);
        v = is_max ? fmaxf(v, o) : v + o;
    }
    const int warp = threadIdx.x >> 5;
    __syncthreads();  // shared is reused between calls
    if ((threadIdx.x & 31) == 0) shared[warp] = v;
    __syncthreads();
    float r = shared[0];
    for (int w = 1; w < kThreads / 32; ++w) r = is_max ? fmaxf(r, shared[w]) : r + shared[w];
    return r;
}

__global__ void __launch_bounds__(kThreads) causal_softmax_kernel(float* scores, int len) {
    __shared__ float shared[kThreads / 32];
    const long long row = blockIdx.x;  // batch * len + i
    const int i = int(row % len), visible = i + 1;
    float* r = scores + row * len;
    float mx = -INFINITY;
    for (int j = threadIdx.x; j < visible; j += kThreads) mx = fmaxf(mx, r[j]);
    mx = block_reduce(mx, true, shared);
    float sum = 0.0f;
    for (int j = threadIdx.x; j < visible; j += kThreads) {
        const float e = expf(r[j] - mx);
        r[j] = e;
        sum += e;
    }
    sum = block_reduce(sum, false, shared);
    const float inv = 1.0f / sum;
    for (int j = threadIdx.x; j < len; j += kThreads) r[j] = j < visible ? r[j] * inv : 0.0f;
}

}  // namespace

cudaError_t causal_softmax_f32(float* scores, int batch, int len, cudaStream_t stream) {
    if (!scores || batch < 1 || len < 1) return cudaErrorInvalidValue;
    const long long rows = (long long)batch * len;
    if (rows > 0x7fffffffLL) return cudaErrorInvalidValue;
    causal_softmax_kernel<<<unsigned(rows), kThreads, 0, stream>>>(scores, len);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
