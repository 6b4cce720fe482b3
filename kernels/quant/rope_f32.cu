// SPDX-License-Identifier: MIT
// rope_f32: RoPE for the GPU AWQ backend. Tables instead of sincosf so that the angles are exactly the
// CPU's (awq::RopeTable: float angle, double cos / sin); the products and sums are unfused (__fmul_rn,
// __fadd_rn) as on the CPU, so the rotation is bit-identical. One thread per (row, head, pair).
// Test: tests/gpu/test_gpu_quant.cpp against awq::RopeTable::apply (exact).
#include "rope_f32.cuh"

namespace awq::cuda {

namespace {

__global__ void rope_f32_kernel(float* x, long long rows, int n_heads, int head_dim, int seq_len,
                                const float* __restrict__ cs, const float* __restrict__ sn) {
    const int half = head_dim / 2;
    const long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x;
    if (idx >= rows * n_heads * half) return;
    const int i = int(idx % half);
    const long long head = idx / half;  // row * n_heads + h
    const int pos = int((head / n_heads) % seq_len);
    const float c = cs[(long long)pos * half + i], s = sn[(long long)pos * half + i];
    float* p = x + head * head_dim;
    const float a = p[i], b = p[i + half];
    p[i] = __fsub_rn(__fmul_rn(a, c), __fmul_rn(b, s));
    p[i + half] = __fadd_rn(__fmul_rn(b, c), __fmul_rn(a, s));
}

}  // namespace

cudaError_t rope_f32(float* x, long long rows, int n_heads, int head_dim, int seq_len, const float* cos_table,
                     const float* sin_table, cudaStream_t stream) {
    if (!x || !cos_table || !sin_table || rows < 1 || n_heads < 1 || head_dim < 2 || head_dim % 2 != 0 ||
        seq_len < 1)
        return cudaErrorInvalidValue;
    const long long total = rows * n_heads * (head_dim / 2);
    rope_f32_kernel<<<unsigned((total + 255) / 256), 256, 0, stream>>>(x, rows, n_heads, head_dim, seq_len,
                                                                        cos_table, sin_table);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
