// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// x[i] += r[i] (the decoder's residual connections), fp32 sum rounded once.
cudaError_t residual_add(__half* x, const __half* r, long long n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
