// SPDX-License-Identifier: MIT
#pragma once
// AVX2/FMA exp kernels (call only after cpu_has_avx2_fma()); see awq/cpu/vec_exp.hpp.
#include <cstdint>

namespace awq::avx2 {

float exp_shifted_sum(float* x, int64_t n, float shift);
void silu_mul_span(float* gate, const float* up, int64_t n);

}  // namespace awq::avx2
