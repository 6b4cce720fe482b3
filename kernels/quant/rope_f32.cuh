// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Rotary embedding (HF rotate-half) in place on x [rows][n_heads * head_dim] fp32, row r at position
// r % seq_len (calibration: sequences of seq_len tokens back to back), with the caller's cos / sin
// tables [seq_len][head_dim / 2] (the CPU's own RopeTable values):
//     (x[i], x[i + d/2]) <- (x[i] c - x[i + d/2] s, x[i + d/2] c + x[i] s)
cudaError_t rope_f32(float* x, long long rows, int n_heads, int head_dim, int seq_len, const float* cos_table,
                     const float* sin_table, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
