// SPDX-License-Identifier: MIT
#pragma once
// Vectorised exp for the two places the forward pass spends exps: the attention softmax and the SwiGLU
// gate. In a quantization run these are called for every token of every scale-search candidate, where the
// scalar libm exp was a quarter of the non-BLAS time. AVX2/FMA when the CPU has it (runtime check), else
// the scalar `_ref` twins, which the tests compare against.
#include <cstdint>

namespace awq {

// x[i] = exp(x[i] - shift) for i < n; returns the sum of the new x. Accurate to a few ulp for arguments
// down to -87 (below that the result is flushed towards 0, as softmax needs: exp(-87) < 2e-38).
float exp_shifted_sum(float* x, int64_t n, float shift);
float exp_shifted_sum_ref(float* x, int64_t n, float shift);

// gate[i] = gate[i] / (1 + exp(-gate[i])) * up[i] for i < n (silu(gate) * up), single-threaded.
void silu_mul_span(float* gate, const float* up, int64_t n);
void silu_mul_span_ref(float* gate, const float* up, int64_t n);

}  // namespace awq
