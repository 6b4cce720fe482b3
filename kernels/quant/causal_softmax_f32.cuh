// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// In place on scores [batch][len][len] fp32 (already scaled by 1/sqrt(head_dim)): row i of every batch
// becomes softmax over its first i + 1 entries (causal), the rest 0. As awq::causal_attention does it:
// max, exp(x - max) summed in float, times 1 / sum.
cudaError_t causal_softmax_f32(float* scores, int batch, int len, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
