// SPDX-License-Identifier: MIT
// AVX2/FMA exp, 8 floats at a time. Compiled with target attributes and only called after a runtime check.
//
// exp(x) = 2^n * exp(r) with n = round(x / ln 2) and r = x - n ln 2 in [-ln2/2, ln2/2]:
//  - r is computed with ln 2 split into a part exact in float (0.693359375, 10 significant bits, so n*hi
//    is exact for |n| <= 2^13) and a small correction, which keeps r accurate to ~1 ulp;
//  - exp(r) is the degree-7 Taylor-like minimax polynomial of Cephes' expf (relative error ~1e-7 there);
//  - 2^n is built by writing n + 127 into the float's exponent field.
// Inputs are clamped to [-87, 88.37] so that 2^n stays a normal float: for softmax, exp(-87) ~ 1.6e-38 is
// 0 for every purpose; for silu, exp(88.37) ~ 2.9e38 makes g / (1 + e) ~ -0 for very negative g.
#include "cpu/vec_exp_avx2.hpp"

#if defined(__x86_64__)
#include <immintrin.h>

#include <cmath>

#define AWQ_AVX2 __attribute__((target("avx2,fma")))

namespace awq::avx2 {

namespace {

AWQ_AVX2 inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.0f)), _mm256_set1_ps(88.37f));
    const __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                                     _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 p = _mm256_set1_ps(1.9875691500e-4f);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
    p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
    const __m256i e = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(e));
}

// The tail (< 8 elements) goes through a zero-padded vector so that it gets the same rounding as the body.
AWQ_AVX2 inline __m256i tail_mask(int64_t left) {
    const __m256i idx = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(int(left)), idx);
}

}  // namespace

AWQ_AVX2 float exp_shifted_sum(float* x, int64_t n, float shift) {
    const __m256 s = _mm256_set1_ps(shift);
    __m256 acc = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 v = exp8(_mm256_sub_ps(_mm256_loadu_ps(x + i), s));
        _mm256_storeu_ps(x + i, v);
        acc = _mm256_add_ps(acc, v);
    }
    if (i < n) {
        const __m256i m = tail_mask(n - i);
        const __m256 v = _mm256_and_ps(exp8(_mm256_sub_ps(_mm256_maskload_ps(x + i, m), s)), _mm256_castsi256_ps(m));
        _mm256_maskstore_ps(x + i, m, v);
        acc = _mm256_add_ps(acc, v);
    }
    alignas(32) float lanes[8];
    _mm256_store_ps(lanes, acc);
    float sum = 0;
    for (float l : lanes) sum += l;
    return sum;
}

AWQ_AVX2 void silu_mul_span(float* gate, const float* up, int64_t n) {
    const __m256 one = _mm256_set1_ps(1.0f), zero = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        const __m256 g = _mm256_loadu_ps(gate + i);
        const __m256 e = exp8(_mm256_sub_ps(zero, g));
        _mm256_storeu_ps(gate + i, _mm256_mul_ps(_mm256_div_ps(g, _mm256_add_ps(one, e)), _mm256_loadu_ps(up + i)));
    }
    if (i < n) {
        const __m256i m = tail_mask(n - i);
        const __m256 g = _mm256_maskload_ps(gate + i, m);
        const __m256 e = exp8(_mm256_sub_ps(zero, g));
        _mm256_maskstore_ps(gate + i, m,
                            _mm256_mul_ps(_mm256_div_ps(g, _mm256_add_ps(one, e)), _mm256_maskload_ps(up + i, m)));
    }
}

}  // namespace awq::avx2

#else  // not x86-64: never called (cpu_has_avx2_fma() is false), defined so that the library links.
namespace awq::avx2 {
float exp_shifted_sum(float*, int64_t, float) { return 0.0f; }
void silu_mul_span(float*, const float*, int64_t) {}
}  // namespace awq::avx2
#endif
