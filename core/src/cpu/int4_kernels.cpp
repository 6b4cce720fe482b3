// SPDX-License-Identifier: MIT
// INT4 kernel dispatch: the gemv runs the kernel int4_gemv_kernel() picks (int4_dispatch.hpp: int8
// activations on AVX2 by default, the float AVX2 kernel, or the scalar reference); the gemm AVX2 when
// available (runtime check) and the layout allows it, else scalar.
// Threading (OpenMP over output rows) lives here so the AVX2 file holds only per-row code.
#include "cpu/int4_kernels_avx2.hpp"

#include <awq/cpu/int4_dispatch.hpp>
#include <awq/cpu/int4_q8.hpp>
#include <awq/int4/int4_matrix.hpp>

#include <algorithm>
#include <vector>

namespace awq {

// The gemm's AVX2 path needs what the gemv's AVX2 kernels need (int4_dispatch.cpp decides both).
bool int4_uses_avx2(const Int4Matrix& w) { return int4_gemv_kernel(w) != Int4Kernel::ref; }

void int4_gemv(const Int4Matrix& w, const float* x, float* y) {
    const Int4Kernel k = int4_gemv_kernel(w);
    if (k == Int4Kernel::ref) return int4_gemv_ref(w, x, y);
    if (k == Int4Kernel::avx2_q8) {
        thread_local Q8Activations a;  // reused: decode calls this for every linear of every token
        quantize_row_q8(x, w.in(), w.group_size(), a);
        return int4_gemv_q8(w, a, y);
    }
    const int64_t ng = w.groups(), gs = w.group_size();
    std::vector<float> xsum(static_cast<size_t>(ng));
    for (int64_t g = 0; g < ng; ++g) {
        double s = 0.0;
        for (int64_t i = 0; i < gs; ++i) s += x[g * gs + i];
        xsum[size_t(g)] = float(s);
    }
    constexpr int64_t block = 16;
    const int64_t blocks = (w.out() + block - 1) / block;
#pragma omp parallel for schedule(static) if (w.out() * w.in() >= (int64_t(1) << 18))
    for (int64_t b = 0; b < blocks; ++b)
        avx2::int4_gemv_rows(w, x, xsum.data(), y, b * block, std::min(w.out(), (b + 1) * block));
}

void int4_gemm(const Int4Matrix& w, const float* x, int64_t m, float* y) {
    if (m <= 2 || !int4_uses_avx2(w)) {
        if (!int4_uses_avx2(w)) return int4_gemm_ref(w, x, m, y);
        for (int64_t r = 0; r < m; ++r) int4_gemv(w, x + r * w.in(), y + r * w.out());
        return;
    }
    const int64_t tiles = (w.out() + avx2::kTileRows - 1) / avx2::kTileRows;
#pragma omp parallel
    {
        alignas(32) float buf[avx2::kTileRows * avx2::kTileK];
#pragma omp for schedule(static)
        for (int64_t t = 0; t < tiles; ++t) avx2::int4_gemm_tile(w, x, m, y, t * avx2::kTileRows, buf);
    }
}

}  // namespace awq
