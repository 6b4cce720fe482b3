// SPDX-License-Identifier: MIT
// The int8-activation INT4 path: argument checks, the shared group sums, AVX2-or-scalar choice of the
// activation quantizer, and the threading of the gemv (OpenMP over blocks of rows).
#include "cpu/int4_kernels_avx2_q8.hpp"
#include "cpu/int4_q8_common.hpp"

#include <awq/cpu/cpu_features.hpp>
#include <awq/cpu/int4_q8.hpp>
#include <awq/error.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace awq {

namespace q8 {

void prepare(Q8Activations& a, int64_t n, int64_t group_size) {
    if (group_size <= 0 || group_size % 32 != 0 || n <= 0 || n % group_size != 0)
        throw InvalidArgument("quantize_row_q8: the length " + std::to_string(n) +
                              " must be a positive multiple of the group size " + std::to_string(group_size) +
                              ", itself a multiple of 32");
    a.n = n;
    a.group_size = group_size;
    a.q.resize(size_t((n + 63) / 64 * 64));
    if (n % 64) std::fill(a.q.end() - 64, a.q.end(), int8_t(0));  // the half unit past the end stays 0
    a.d.resize(size_t(n / 32));
    a.sum.resize(size_t(n / 32));
    a.group_sum.resize(size_t(n / group_size));
}

void finish_group_sums(Q8Activations& a) {
    const int64_t per = a.group_size / 32;
    for (size_t g = 0; g < a.group_sum.size(); ++g) {
        float s = 0.0f;
        for (int64_t c = int64_t(g) * per; c < int64_t(g + 1) * per; ++c)
            s = std::fma(a.d[size_t(c)], float(a.sum[size_t(c)]), s);
        a.group_sum[g] = s;
    }
}

void check(const Int4Matrix& w, const Q8Activations& a, const char* who) {
    if (a.n != w.in() || a.group_size != w.group_size() || w.group_size() % 32 != 0)
        throw InvalidArgument(std::string(who) + ": activations of length " + std::to_string(a.n) + ", group size " +
                              std::to_string(a.group_size) + " for a matrix of " + std::to_string(w.in()) +
                              " inputs, group size " + std::to_string(w.group_size()));
}

}  // namespace q8

void quantize_row_q8(const float* x, int64_t n, int64_t group_size, Q8Activations& a) {
    if (!cpu_has_avx2_fma()) return quantize_row_q8_ref(x, n, group_size, a);
    q8::prepare(a, n, group_size);
    avx2::quantize_q8_chunks(x, a);
    q8::finish_group_sums(a);
}

void int4_gemv_q8(const Int4Matrix& w, const Q8Activations& a, float* y) {
    q8::check(w, a, "int4_gemv_q8");
    if (!cpu_has_avx2_fma()) throw Unsupported("int4_gemv_q8: this CPU has no AVX2/FMA");
    // Blocks of 16 rows (a multiple of the kernel's rows per step), split statically: every thread gets
    // the same number of rows up to one block, and a block's scales and zeros share cache lines.
    constexpr int64_t block = 16;
    const int64_t blocks = (w.out() + block - 1) / block;
#pragma omp parallel for schedule(static) if (w.out() * w.in() >= (int64_t(1) << 18))
    for (int64_t b = 0; b < blocks; ++b)
        avx2::int4_gemv_q8_rows(w, a, y, b * block, std::min(w.out(), (b + 1) * block));
}

}  // namespace awq
