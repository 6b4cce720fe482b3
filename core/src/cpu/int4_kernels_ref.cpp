// SPDX-License-Identifier: MIT
// Scalar INT4 kernels: dequantise each weight with the plain formula (q - zero) * scale, accumulate in
// double. The reference the AVX2 kernels are tested against.
#include <awq/int4/int4_matrix.hpp>

namespace awq {

void int4_gemv_ref(const Int4Matrix& w, const float* x, float* y) {
    const int64_t ng = w.groups(), gs = w.group_size();
    for (int64_t o = 0; o < w.out(); ++o) {
        double acc = 0.0;
        for (int64_t g = 0; g < ng; ++g) {
            const int zero = w.zeros()[o * ng + g];
            const float scale = w.scales()[o * ng + g];
            for (int64_t i = g * gs; i < (g + 1) * gs; ++i) {
                const float wi = float(int(w.code(o, i)) - zero) * scale;
                acc += double(wi) * double(x[i]);
            }
        }
        y[o] = float(acc);
    }
}

void int4_gemm_ref(const Int4Matrix& w, const float* x, int64_t m, float* y) {
    for (int64_t r = 0; r < m; ++r) int4_gemv_ref(w, x + r * w.in(), y + r * w.out());
}

}  // namespace awq
