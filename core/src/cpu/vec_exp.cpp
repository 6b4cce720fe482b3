// SPDX-License-Identifier: MIT
// Dispatch and scalar twins for vec_exp.hpp; the AVX2 versions are in vec_exp_avx2.cpp.
#include "cpu/vec_exp_avx2.hpp"

#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/vec_exp.hpp>

#include <cmath>

namespace awq {

float exp_shifted_sum_ref(float* x, int64_t n, float shift) {
    float sum = 0;
    for (int64_t i = 0; i < n; ++i) sum += (x[i] = std::exp(x[i] - shift));
    return sum;
}

void silu_mul_span_ref(float* gate, const float* up, int64_t n) {
    for (int64_t i = 0; i < n; ++i) gate[i] = gate[i] / (1.0f + std::exp(-gate[i])) * up[i];
}

float exp_shifted_sum(float* x, int64_t n, float shift) {
    return cpu_has_avx2_fma() ? avx2::exp_shifted_sum(x, n, shift) : exp_shifted_sum_ref(x, n, shift);
}

void silu_mul_span(float* gate, const float* up, int64_t n) {
    if (cpu_has_avx2_fma()) avx2::silu_mul_span(gate, up, n);
    else silu_mul_span_ref(gate, up, n);
}

}  // namespace awq
