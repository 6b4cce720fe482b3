// SPDX-License-Identifier: MIT
// qkv_rope: the step between the q/k/v projections and attention, fused: RoPE on q (into the query buffer),
// RoPE on k and the copy of k and v into the KV cache rows of the tokens' positions. Unfused this was two
// rope launches plus projections written straight into the cache at a host-computed row, which a CUDA
// graph cannot replay at another position; here the cache row is positions[r], read on the device.
// One thread per (row, head slot, i < head_dim/2), head slots ordered q heads, k heads, v heads: a q/k
// thread rotates the pair (i, i + d/2) exactly as rope.cu does (fp32 angle positions[r] * inv_freq[i],
// sincosf with full range reduction, one rounding to fp16); a v thread copies the same two elements.
// Memory-bound and tiny at decode (q_dim + 2 kv_dim values per token).
// Test: tests/gpu/test_gpu_kernels.cpp against awq::RopeTable::apply and the cache rows on the host, with
// the fused and the separate input layouts.
#include "qkv_rope.cuh"

namespace awq::cuda {

namespace {

__global__ void qkv_rope_kernel(const __half* __restrict__ q_in, int q_stride, const __half* __restrict__ k_in,
                                const __half* __restrict__ v_in, int kv_stride, __half* __restrict__ q_out,
                                __half* __restrict__ k_cache, __half* __restrict__ v_cache, int cache_rows, int rows,
                                int n_heads, int n_kv_heads, int head_dim, const int* __restrict__ positions,
                                const float* __restrict__ inv_freq) {
    const int half = head_dim / 2, slots = n_heads + 2 * n_kv_heads;
    const long long idx = blockIdx.x * (long long)blockDim.x + threadIdx.x;
    if (idx >= (long long)rows * slots * half) return;
    const int i = int(idx % half);
    const int slot = int((idx / half) % slots);
    const int r = int(idx / ((long long)half * slots));
    const int pos = positions[r];
    const size_t kv_row = size_t(n_kv_heads) * head_dim;
    if (slot >= n_heads + n_kv_heads) {  // v: copy
        if (pos < 0 || pos >= cache_rows) return;
        const int h = slot - n_heads - n_kv_heads;
        const __half* src = v_in + size_t(r) * kv_stride + size_t(h) * head_dim;
        __half* dst = v_cache + size_t(pos) * kv_row + size_t(h) * head_dim;
        dst[i] = src[i];
        dst[i + half] = src[i + half];
        return;
    }
    const __half* src;
    __half* dst;
    if (slot < n_heads) {
        src = q_in + size_t(r) * q_stride + size_t(slot) * head_dim;
        dst = q_out + (size_t(r) * n_heads + slot) * head_dim;
    } else {
        if (pos < 0 || pos >= cache_rows) return;
        const int h = slot - n_heads;
        src = k_in + size_t(r) * kv_stride + size_t(h) * head_dim;
        dst = k_cache + size_t(pos) * kv_row + size_t(h) * head_dim;
    }
    float s, c;
    sincosf(float(pos) * inv_freq[i], &s, &c);
    const float a = __half2float(src[i]), b = __half2float(src[i + half]);
    dst[i] = __float2half(a * c - b * s);
    dst[i + half] = __float2half(b * c + a * s);
}

}  // namespace

cudaError_t qkv_rope_to_cache(const __half* q_in, int q_stride, const __half* k_in, const __half* v_in, int kv_stride,
                              __half* q_out, __half* k_cache, __half* v_cache, int cache_rows, int rows, int n_heads,
                              int n_kv_heads, int head_dim, const int* positions, const float* inv_freq,
                              cudaStream_t stream) {
    if (!q_in || !k_in || !v_in || !q_out || !k_cache || !v_cache || !positions || !inv_freq || rows < 1 ||
        n_heads < 1 || n_kv_heads < 1 || head_dim < 2 || head_dim % 2 != 0 || cache_rows < 1 ||
        q_stride < n_heads * head_dim || kv_stride < n_kv_heads * head_dim)
        return cudaErrorInvalidValue;
    const long long total = (long long)rows * (n_heads + 2 * n_kv_heads) * (head_dim / 2);
    qkv_rope_kernel<<<unsigned((total + 255) / 256), 256, 0, stream>>>(q_in, q_stride, k_in, v_in, kv_stride, q_out,
                                                                       k_cache, v_cache, cache_rows, rows, n_heads,
                                                                       n_kv_heads, head_dim, positions, inv_freq);
    AWQ_LAUNCH_CHECK();
    return cudaSuccess;
}

}  // namespace awq::cuda
