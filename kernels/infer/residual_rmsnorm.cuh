// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// The residual connection and the next RMSNorm in one pass, for `rows` rows of width dim (fp16, fp32 inside):
//     x[r] += res[r]                                   (rounded to fp16, stored: the residual stream)
//     y[r]  = x[r] / sqrt(mean(x[r]^2) + eps) * weight (from the stored fp16 x)
// Bit for bit what residual_add followed by rmsnorm give. y must not alias x or res.
cudaError_t residual_rmsnorm(__half* x, const __half* res, const __half* weight, __half* y, int rows, int dim,
                             float eps, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
