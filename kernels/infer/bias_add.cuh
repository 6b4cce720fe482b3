// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// y[r][c] += bias[c] for `rows` rows of width n (the bias of a linear layer: qwen2's q/k/v projections),
// fp32 sum rounded once; y is contiguous [rows][n].
cudaError_t bias_add(__half* y, const __half* bias, int rows, int n, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
