// SPDX-License-Identifier: MIT
// AVX2/FMA/F16C dense dot kernels. Compiled with target attributes (the rest of the library stays
// baseline x86-64) and only called after a runtime check. Each weight row is loaded and converted 8 at a
// time once and multiply-added into the accumulators of all M input rows; the number of independent FMA
// chains per row shrinks with M so that the accumulators and the converted weights fit the 16 registers.
#include "cpu/dense_dot_avx2.hpp"

#if defined(__x86_64__)
#include <immintrin.h>

#include <cstring>

#define AWQ_AVX2 __attribute__((target("avx2,fma,f16c")))

namespace awq::avx2 {

namespace {

// 8 weights from p (elements, not bytes) as float.
template <DType D>
AWQ_AVX2 inline __m256 load8(const void* p) {
    if constexpr (D == DType::F32) {
        return _mm256_loadu_ps(static_cast<const float*>(p));
    } else if constexpr (D == DType::F16) {
        return _mm256_cvtph_ps(_mm_loadu_si128(static_cast<const __m128i*>(p)));
    } else {  // BF16: the 16 bits are the float's high half
        const __m256i v = _mm256_cvtepu16_epi32(_mm_loadu_si128(static_cast<const __m128i*>(p)));
        return _mm256_castsi256_ps(_mm256_slli_epi32(v, 16));
    }
}

AWQ_AVX2 inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// One row of weights against M rows of x. K chains per x row: 4 for M = 1, 2 up to M = 4, else 1.
template <DType D, int M>
AWQ_AVX2 void dot_row(const std::byte* row, int64_t in, const float* x, float* y, int64_t ldy) {
    constexpr int K = M == 1 ? 4 : M <= 4 ? 2 : 1;
    constexpr size_t esz = D == DType::F32 ? 4 : 2;
    __m256 acc[M][K];
    for (int r = 0; r < M; ++r)
        for (int k = 0; k < K; ++k) acc[r][k] = _mm256_setzero_ps();
    int64_t i = 0;
    for (; i + 8 * K <= in; i += 8 * K) {
        __m256 wv[K];
        for (int k = 0; k < K; ++k) wv[k] = load8<D>(row + size_t(i + 8 * k) * esz);
        for (int r = 0; r < M; ++r)
            for (int k = 0; k < K; ++k)
                acc[r][k] = _mm256_fmadd_ps(wv[k], _mm256_loadu_ps(x + r * in + i + 8 * k), acc[r][k]);
    }
    for (; i + 8 <= in; i += 8) {
        const __m256 wv = load8<D>(row + size_t(i) * esz);
        for (int r = 0; r < M; ++r) acc[r][0] = _mm256_fmadd_ps(wv, _mm256_loadu_ps(x + r * in + i), acc[r][0]);
    }
    if (i < in) {  // 1..7 left: zero-padded copies, so no read past either array
        const int64_t n = in - i;
        alignas(32) unsigned char wpad[32] = {};
        std::memcpy(wpad, row + size_t(i) * esz, size_t(n) * esz);
        const __m256 wv = load8<D>(wpad);
        for (int r = 0; r < M; ++r) {
            alignas(32) float xpad[8] = {};
            std::memcpy(xpad, x + r * in + i, size_t(n) * sizeof(float));
            acc[r][0] = _mm256_fmadd_ps(wv, _mm256_load_ps(xpad), acc[r][0]);
        }
    }
    for (int r = 0; r < M; ++r) {
        __m256 s = acc[r][0];
        for (int k = 1; k < K; ++k) s = _mm256_add_ps(s, acc[r][k]);
        y[r * ldy] = hsum(s);
    }
}

template <DType D, int M>
AWQ_AVX2 void rows_m(const void* w, int64_t in, const float* x, float* y, int64_t ldy, int64_t o0, int64_t o1) {
    constexpr size_t esz = D == DType::F32 ? 4 : 2;
    const auto* base = static_cast<const std::byte*>(w);
    for (int64_t o = o0; o < o1; ++o) dot_row<D, M>(base + size_t(o * in) * esz, in, x, y + o, ldy);
}

template <DType D>
void rows(const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy, int64_t o0, int64_t o1) {
    switch (m) {
        case 1: return rows_m<D, 1>(w, in, x, y, ldy, o0, o1);
        case 2: return rows_m<D, 2>(w, in, x, y, ldy, o0, o1);
        case 3: return rows_m<D, 3>(w, in, x, y, ldy, o0, o1);
        case 4: return rows_m<D, 4>(w, in, x, y, ldy, o0, o1);
        case 5: return rows_m<D, 5>(w, in, x, y, ldy, o0, o1);
        case 6: return rows_m<D, 6>(w, in, x, y, ldy, o0, o1);
        case 7: return rows_m<D, 7>(w, in, x, y, ldy, o0, o1);
        case 8: return rows_m<D, 8>(w, in, x, y, ldy, o0, o1);
        default: return;
    }
}

}  // namespace

void dense_dot_rows(DType dt, const void* w, int64_t in, const float* x, int64_t m, float* y, int64_t ldy,
                    int64_t o0, int64_t o1) {
    switch (dt) {
        case DType::F32: return rows<DType::F32>(w, in, x, m, y, ldy, o0, o1);
        case DType::F16: return rows<DType::F16>(w, in, x, m, y, ldy, o0, o1);
        case DType::BF16: return rows<DType::BF16>(w, in, x, m, y, ldy, o0, o1);
        default: return;
    }
}

}  // namespace awq::avx2

#else  // not x86-64: never called (cpu_has_avx2_fma() is false)

namespace awq::avx2 {
void dense_dot_rows(DType, const void*, int64_t, const float*, int64_t, float*, int64_t, int64_t, int64_t) {}
}  // namespace awq::avx2

#endif
