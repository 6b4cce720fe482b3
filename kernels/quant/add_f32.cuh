// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// x[i] += r[i] over n fp32 values (the residual stream).
cudaError_t residual_add_f32(float* x, const float* r, long long n, cudaStream_t stream = nullptr);
// y[r][c] += bias[c] for `rows` rows of width n (a linear's bias).
cudaError_t bias_add_f32(float* y, const float* bias, long long rows, int n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
