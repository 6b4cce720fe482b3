// SPDX-License-Identifier: MIT
// Scalar twins of the int8-activation INT4 kernels (int4_kernels_avx2_q8.cpp): the same integer sums and
// the same float operations in the same order, written one lane at a time, so the AVX2 kernels must match
// them bit for bit. Every multiply-add of the AVX2 code is std::fma here (one rounding), every other
// operation a plain float operation.
#include "cpu/int4_q8_common.hpp"

#include <awq/cpu/int4_q8.hpp>

#include <cmath>

namespace awq {

void quantize_row_q8_ref(const float* x, int64_t n, int64_t group_size, Q8Activations& a) {
    q8::prepare(a, n, group_size);
    for (int64_t c = 0; c < n / 32; ++c) {
        float amax = 0.0f;
        for (int64_t i = 32 * c; i < 32 * c + 32; ++i) amax = std::fmax(amax, std::fabs(x[i]));
        const float d = amax / 127.0f, id = d != 0.0f ? 1.0f / d : 0.0f;
        int32_t s = 0;
        for (int64_t i = 32 * c; i < 32 * c + 32; ++i) {
            const int v = int(std::nearbyint(x[i] * id));  // ties to even, as vroundps
            a.q[size_t(q8::position(i))] = int8_t(v);
            s += v;
        }
        a.d[size_t(c)] = d;
        a.sum[size_t(c)] = s;
    }
    q8::finish_group_sums(a);
}

namespace {

// Lane l of chunk c's integer dot product: the inputs 32c + 8j + l, j = 0..3 (the inputs one 32-bit word
// of the weight layout holds for that chunk; vpmaddubsw + vpmaddwd add exactly these).
int32_t lane_dot(const Int4Matrix& w, const Q8Activations& a, int64_t o, int64_t c, int l) {
    int32_t s = 0;
    for (int j = 0; j < 4; ++j) {
        const int64_t i = 32 * c + 8 * j + l;
        s += int32_t(w.code(o, i)) * int32_t(a.at(i));
    }
    return s;
}

// vhaddps-free horizontal sum in the order of the AVX2 kernel: halves, then pairs, then the last two.
float hsum8(const float v[8]) {
    float t[4];
    for (int k = 0; k < 4; ++k) t[k] = v[k] + v[k + 4];
    const float u0 = t[0] + t[2], u1 = t[1] + t[3];
    return u0 + u1;
}

}  // namespace

void int4_gemv_q8_ref(const Int4Matrix& w, const Q8Activations& a, float* y) {
    q8::check(w, a, "int4_gemv_q8_ref");
    const int64_t ng = w.groups(), gs = w.group_size(), chunks = w.in() / 32;
    for (int64_t o = 0; o < w.out(); ++o) {
        const float* sc = w.scales() + o * ng;
        float acc[8] = {}, part[2][8] = {};  // part[p]: the running group sum of stream p (chunks c % 2 == p)
        for (int64_t c = 0; c < chunks; ++c) {
            const int p = int(c % 2);
            for (int l = 0; l < 8; ++l) part[p][l] = std::fma(float(lane_dot(w, a, o, c, l)), a.d[size_t(c)], part[p][l]);
            // A stream folds its part into acc when its next chunk (c + 2) starts another group or is past
            // the end; the even stream of a unit before the odd one.
            if (c + 2 >= chunks || (c + 2) * 32 / gs != c * 32 / gs) {
                for (int l = 0; l < 8; ++l) {
                    acc[l] = std::fma(part[p][l], sc[c * 32 / gs], acc[l]);
                    part[p][l] = 0.0f;
                }
            }
        }
        // The zero points: sum_g (z_g s_g) X_g, one fma per group in group order.
        const uint8_t* zr = w.zeros() + o * ng;
        float off = 0.0f;
        for (int64_t g = 0; g < ng; ++g) off = std::fma(float(zr[g]) * sc[g], a.group_sum[size_t(g)], off);
        y[o] = hsum8(acc) - off;
    }
}

}  // namespace awq
