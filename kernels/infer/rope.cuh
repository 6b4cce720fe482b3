// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Rotary position embedding in HF's rotate-half convention, in place on x [rows][n_heads * head_dim]:
// for each head and i < head_dim/2, with a = positions[r] * inv_freq[i],
//     (x[i], x[i + d/2]) <- (x[i] cos a - x[i + d/2] sin a, x[i + d/2] cos a + x[i] sin a).
// positions: int32 [rows] on the device; inv_freq: float [head_dim/2] on the device (the caller's table,
// so that linear / llama3 frequency scaling stays on the host). head_dim even.
cudaError_t rope_rotate_half(__half* x, int rows, int n_heads, int head_dim, const int* positions,
                             const float* inv_freq, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
