// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// y[r] = x[r] * float(1 / sqrt(mean(x[r]^2) + eps)) * weight for `rows` rows of width dim, fp32, the
// square sum in double: awq::rms_norm (core/src/runtime/ops.cpp). y may alias x.
cudaError_t rmsnorm_f32(const float* x, const float* weight, float* y, long long rows, int dim, float eps,
                        cudaStream_t stream = nullptr);

}  // namespace awq::cuda
