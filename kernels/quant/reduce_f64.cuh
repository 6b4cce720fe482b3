// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Sums over n fp32 values in double, the result written to *result (device):
//   sum_sq_diff_f64: sum (a[i] - b[i])^2, or sum a[i]^2 when b is null (the losses' MSE, mean squares)
//   dot_f64:         sum a[i] * b[i]                                      (the Gram loss e . (E G))
// `partial` is scratch of kReducePartials doubles. Deterministic (fixed grid, ordered final sum).
inline constexpr int kReducePartials = 1024;
cudaError_t sum_sq_diff_f64(const float* a, const float* b, long long n, double* partial, double* result,
                            cudaStream_t stream = nullptr);
cudaError_t dot_f64(const float* a, const float* b, long long n, double* partial, double* result,
                    cudaStream_t stream = nullptr);

}  // namespace awq::cuda
