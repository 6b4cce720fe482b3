// SPDX-License-Identifier: MIT
#pragma once
// AVX2/FMA INT4 kernels (int4_kernels_avx2.cpp); callable only when cpu_has_avx2_fma() and the matrix's
// group size is a multiple of 32. Threading is the caller's (int4_kernels.cpp).
#include <awq/int4/int4_matrix.hpp>

namespace awq::avx2 {

// Rows of the gemm tile: the dequantised buffer holds kTileRows x kTileK floats.
inline constexpr int64_t kTileRows = 4;
inline constexpr int64_t kTileK = 512;
inline constexpr int64_t kTileM = 128;

// y[o] for o in [o0, o1); xsum[g] = sum of x over group g.
void int4_gemv_rows(const Int4Matrix& w, const float* x, const float* xsum, float* y, int64_t o0, int64_t o1);

// Y[:, o0 .. o0 + kTileRows) (fewer at the matrix's end) for all m rows of X. buf: kTileRows * kTileK
// floats, 32-byte aligned.
void int4_gemm_tile(const Int4Matrix& w, const float* x, int64_t m, float* y, int64_t o0, float* buf);

}  // namespace awq::avx2
