// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// y[r] = x[r] / sqrt(mean(x[r]^2) + eps) * weight for `rows` rows of width dim (fp16 in and out, fp32
// inside). y may alias x. Returns cudaErrorInvalidValue for a bad shape, else the launch status.
cudaError_t rmsnorm(const __half* x, const __half* weight, __half* y, int rows, int dim, float eps,
                    cudaStream_t stream = nullptr);

}  // namespace awq::cuda
