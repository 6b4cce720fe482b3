// SPDX-License-Identifier: MIT
// rope: rotary position embedding, HF rotate-half convention (first/second half of a head are the two
// coordinates), in place on [rows][n_heads][head_dim] fp16. One thread per (row, head, i < head_dim/2)
// rotates the pair (i, i + d/2); the angle positions[r] * inv_freq[i] is formed in fp32 and sincosf
// (full range reduction, not __sinf: positions reach 10^5) gives cos/sin; one rounding to fp16.
// Apply it to q and to k with their own head counts.
// Test: tests/gpu/test_gpu_kernels.cpp against awq::RopeTable::apply (core/src/runtime/ops.cpp).
#include "rope.cuh"

namespace awq::cuda {

namespace {

__global__ void rope_kernel(__half* x, int rows, int n_heads, int head_dim, const int* __restrict__ positions,
                            const float* __restrict__ inv_freq) {
    const int half = head_dim / 2;
    const long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x;
    if (idx >= (long long)rows * n_heads * half) return;
    const int i = int(idx % half);
    const long long head = idx / half;  // row * n_heads + h
    const int r = int(head / n_heads);
    float s, c;
    sincosf(float(positions[r]) * inv_freq[i], &s, &c);
    __half* p = x + head * head_dim;
    const float a = __half2float(p[i]), b = __half2float(p[i + half]);
    p[i] = __float2half(a * c - b * s);
    p[i + half] = __float2half(b * c + a * s);
}

}  // namespace

cudaError_t rope_rotate_half(__half* x, int rows, int n_heads, int head_dim, const int* positions,
                             const float* inv_freq, cudaStream_t stream) {
    if (!x || !positions || !inv_freq || rows < 1 || n_heads < 1 || head_dim < 2 || head_dim % 2 != 0)
        return cudaErrorInvalidValue;
    const long long total = (long long)rows * n_heads * (head_dim / 2);
    rope_kernel<<<unsigned((total + 255) / 256), 256, 0, stream>>>(x, rows, n_heads, head_dim, positions, inv_freq);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
