// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// mean[c] = (sum over rows r of |x[r][c]|) / rows for x [rows][cols] fp32 (the AWQ activation saliency).
// Sums in double. `partial` is scratch of channel_mean_abs_partials(rows, cols) doubles. Deterministic.
// CPU reference: awq::channel_mean_abs (core/src/quant/scale_search.cpp).
cudaError_t channel_mean_abs(const float* x, long long rows, int cols, double* partial, float* mean,
                             cudaStream_t stream = nullptr);
long long channel_mean_abs_partials(long long rows, int cols);

}  // namespace awq::cuda
