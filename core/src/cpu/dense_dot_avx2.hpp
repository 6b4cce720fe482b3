// SPDX-License-Identifier: MIT
#pragma once
// AVX2/FMA/F16C dense dot kernels (dense_dot_avx2.cpp); call only when cpu_has_avx2_fma() and
// cpu_has_f16c(). See awq/cpu/dense_dot.hpp.
#include <awq/io/dtype.hpp>

#include <cstddef>
#include <cstdint>

namespace awq::avx2 {

// dense_dot_rows for m in 1..8 and dt in {F32, F16, BF16}.
void dense_dot_rows(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                    int64_t o0, int64_t o1);

}  // namespace awq::avx2
