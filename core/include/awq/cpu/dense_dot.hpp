// SPDX-License-Identifier: MIT
#pragma once
// Dot products of F32/F16/BF16 weight rows with a few float input rows (decode: m <= 8), converting
// each weight inside the product instead of into a row buffer. AVX2/FMA/F16C when the CPU has all three
// (runtime check), else the scalar `_ref` twin (convert each weight, then multiply-add in double), which
// the tests compare against. Single-threaded: the caller splits rows.
#include <awq/io/dtype.hpp>

#include <cstdint>

namespace awq {

// For o in [o0, o1) and r < m: y[r * ldy + o] = sum_i x[r * in + i] * W[o, i], where W is row-major
// [*, in] of dtype dt (F32, F16 or BF16; InvalidArgument otherwise) at w, any alignment. Any m >= 0
// (taken 8 rows of x at a time).
void dense_dot_rows(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                    int64_t o0, int64_t o1);
void dense_dot_rows_ref(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                        int64_t o0, int64_t o1);

// True when dense_dot_rows takes the AVX2/F16C kernels (CPU support and not forced to the reference).
bool dense_dot_uses_avx2();
// Tests: route dense_dot_rows (and so DenseLinear's decode path) to the scalar reference while `on`.
void dense_dot_force_ref(bool on);

}  // namespace awq
