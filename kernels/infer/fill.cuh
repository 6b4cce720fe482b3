// SPDX-License-Identifier: MIT
#pragma once
#include "common.cuh"

namespace awq::cuda {

// Device-side initialisation of synthetic weights (the end-to-end bench builds a 7B-shaped model without
// any host copy). Deterministic: element i depends only on (seed, i).
//   fill_uniform_f16: p[i] = fp16(lo + (hi - lo) * u), u uniform in [0, 1) from a hash of (seed, i)
//   fill_random_u32:  p[i] = a 32-bit hash of (seed, i)  (uniform packed INT4 codes)
//   fill_f16:         p[i] = fp16(value)
cudaError_t fill_uniform_f16(__half* p, long long n, float lo, float hi, unsigned long long seed,
                             cudaStream_t stream = nullptr);
cudaError_t fill_random_u32(uint32_t* p, long long n, unsigned long long seed, cudaStream_t stream = nullptr);
cudaError_t fill_f16(__half* p, long long n, float value, cudaStream_t stream = nullptr);

}  // namespace awq::cuda
