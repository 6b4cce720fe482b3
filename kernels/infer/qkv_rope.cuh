// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// After the q/k/v projections of `rows` tokens: RoPE (rope_rotate_half's convention and angles) on q and k,
// and the new keys and values stored in the KV cache at the tokens' positions, in one launch:
//     q_out[r][h]                      = rope(q_in[r][h],  positions[r])      h < n_heads
//     k_cache[positions[r]][h]         = rope(k_in[r][h],  positions[r])      h < n_kv_heads
//     v_cache[positions[r]][h]         = v_in[r][h]
// q_in row r starts at q_in + r * q_stride, k_in / v_in rows at + r * kv_stride (elements), so the inputs
// may be one fused [rows][q_dim + 2 kv_dim] projection (strides q_dim + 2 kv_dim) or three separate
// matrices; q_out is [rows][n_heads * head_dim], the caches [cache_rows][n_kv_heads * head_dim].
// positions: int32 [rows] on the device, read when the kernel runs (so a captured CUDA graph serves every
// position); a position outside 0..cache_rows-1 writes nothing to the cache (the host validates them).
// inv_freq: float [head_dim/2] on the device. head_dim even. q_out must not alias the inputs.
cudaError_t qkv_rope_to_cache(const __half* q_in, int q_stride, const __half* k_in, const __half* v_in, int kv_stride,
                              __half* q_out, __half* k_cache, __half* v_cache, int cache_rows, int rows, int n_heads,
                              int n_kv_heads, int head_dim, const int* positions, const float* inv_freq,
                              cudaStream_t stream = nullptr);

}  // namespace awq::cuda
