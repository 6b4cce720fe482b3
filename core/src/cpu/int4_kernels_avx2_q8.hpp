// SPDX-License-Identifier: MIT
#pragma once
// AVX2 int8-activation INT4 kernels (int4_kernels_avx2_q8.cpp); callable only when cpu_has_avx2_fma().
// Threading and the checks of the arguments are the caller's (int4_q8.cpp).
#include <awq/cpu/int4_q8.hpp>

namespace awq::avx2 {

// a.q, a.d and a.sum of x (a already sized by q8::prepare).
void quantize_q8_chunks(const float* x, Q8Activations& a);
// y[o] for o in [o0, o1).
void int4_gemv_q8_rows(const Int4Matrix& w, const Q8Activations& a, float* y, int64_t o0, int64_t o1);

}  // namespace awq::avx2
