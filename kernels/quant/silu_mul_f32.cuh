// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// gate[i] = gate[i] / (1 + exp(-gate[i])) * up[i] over n fp32 values, in place (SwiGLU):
// awq::silu_mul (core/src/runtime/ops.cpp).
cudaError_t silu_mul_f32(float* gate, const float* up, long long n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
