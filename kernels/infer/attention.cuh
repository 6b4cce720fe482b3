// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

inline constexpr int kAttentionMaxHeadDim = 256;

// Causal grouped-query attention of n_new query rows at positions past..past+n_new-1 over a KV cache:
//   q   [n_new][n_heads * head_dim]
//   k,v [>= past + n_new][n_kv_heads * head_dim]   (rows 0..past+n_new-1 are valid: the caller has
//        written this step's keys and values at rows past..past+n_new-1)
//   out [n_new][n_heads * head_dim]
// Query head h reads KV head h / (n_heads / n_kv_heads); softmax(q.k / sqrt(head_dim)) . v in fp32.
// Serves prefill (past = 0, n_new = prompt) and decode (n_new = 1). head_dim <= 256.
cudaError_t causal_attention(const __half* q, const __half* k, const __half* v, __half* out, int n_new, int past,
                             int n_heads, int n_kv_heads, int head_dim, cudaStream_t stream = nullptr);

// The same with `past` read from device memory (*past, int32) when the kernel runs: the launch does not
// depend on it, so one captured CUDA graph serves every position. The caller keeps *past >= 0 and the
// cache rows 0..*past+n_new-1 valid.
cudaError_t causal_attention_device_past(const __half* q, const __half* k, const __half* v, __half* out, int n_new,
                                         const int* past, int n_heads, int n_kv_heads, int head_dim,
                                         cudaStream_t stream = nullptr);

// Split-K decode: the keys of each (head, query row) are divided into n_splits ranges (from the device-side
// past, so graphs replay at any position), one block each, partials merged by a second kernel. For a
// few query rows over a long cache (decode), where causal_attention runs only n_heads x n_new blocks.
// workspace: attention_split_workspace_floats(n_new, n_heads, head_dim, n_splits) floats of device memory.
size_t attention_split_workspace_floats(int n_new, int n_heads, int head_dim, int n_splits);
cudaError_t causal_attention_split(const __half* q, const __half* k, const __half* v, __half* out, int n_new,
                                   const int* past, int n_heads, int n_kv_heads, int head_dim, int n_splits,
                                   float* workspace, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
