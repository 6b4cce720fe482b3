// SPDX-License-Identifier: MIT
// AVX2 INT4 x int8 kernels: the activation quantizer and the gemv rows (formula and error bound:
// awq/cpu/int4_q8.hpp). Compiled with target attributes, called only after a runtime check. The scalar
// twins in int4_q8_ref.cpp spell out the same arithmetic; the two must agree bit for bit.
//
// One 32-byte unit of a weight row (64 inputs, layout in int4_matrix.hpp) against the unit's 64 activation
// bytes (stored in the same order, int4_q8.hpp): low nibbles x first 32 bytes and high nibbles x second 32
// bytes by vpmaddubsw (codes unsigned, activations signed; a pair sums to at most 2 * 15 * 127, and the two
// products' sum to 7620, no saturation), added as int16. Bytes 4l, 4l + 1 of the unit hold chunk 2u's inputs,
// bytes 4l + 2, 4l + 3 chunk 2u + 1's, so the even int16 lanes are the first chunk and the odd ones the
// second: vpmaddwd with (1, 0) and (0, 1) gives each chunk's 8 int32 lane sums, then one convert and one
// FMA by the chunk's scale d_c each. Per group the running sum is folded in with the group's scale.
#include "cpu/int4_kernels_avx2_q8.hpp"

#if defined(__x86_64__)
#include <immintrin.h>

#include <cmath>

#define AWQ_AVX2 __attribute__((target("avx2,fma")))

namespace awq::avx2 {

namespace {

AWQ_AVX2 inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AWQ_AVX2 inline float hmax(__m256 v) {
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

AWQ_AVX2 inline int32_t hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

// Chunk of 32 inputs -> 32 int8 in input order; d and the sum of the codes.
AWQ_AVX2 inline __m256i quantize_chunk(const float* x, float& d, int32_t& sum) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 v[4];
    for (int k = 0; k < 4; ++k) v[k] = _mm256_loadu_ps(x + 8 * k);
    const __m256 m01 = _mm256_max_ps(_mm256_andnot_ps(sign, v[0]), _mm256_andnot_ps(sign, v[1]));
    const __m256 m23 = _mm256_max_ps(_mm256_andnot_ps(sign, v[2]), _mm256_andnot_ps(sign, v[3]));
    const float amax = hmax(_mm256_max_ps(m01, m23));
    d = amax / 127.0f;
    const __m256 id = _mm256_set1_ps(d != 0.0f ? 1.0f / d : 0.0f);
    __m256i q[4];
    for (int k = 0; k < 4; ++k)
        q[k] = _mm256_cvtps_epi32(
            _mm256_round_ps(_mm256_mul_ps(v[k], id), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    sum = hsum_epi32(_mm256_add_epi32(_mm256_add_epi32(q[0], q[1]), _mm256_add_epi32(q[2], q[3])));
    // packs work within 128-bit lanes: the bytes come out as 4-byte groups 0, 2, 4, 6, 1, 3, 5, 7.
    const __m256i b = _mm256_packs_epi16(_mm256_packs_epi32(q[0], q[1]), _mm256_packs_epi32(q[2], q[3]));
    return _mm256_permutevar8x32_epi32(b, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
}

// 64 activation bytes in input order (rows r_k = inputs 16k .. 16k + 15) -> the unit order of int4_q8.hpp:
// byte 4l + k of the first half = r_k[l], of the second half = r_k[8 + l] (a 4 x 8 byte transpose, twice).
AWQ_AVX2 inline void store_unit(__m256i c0, __m256i c1, int8_t* dst) {
    const __m128i r0 = _mm256_castsi256_si128(c0), r1 = _mm256_extracti128_si256(c0, 1);
    const __m128i r2 = _mm256_castsi256_si128(c1), r3 = _mm256_extracti128_si256(c1, 1);
    const __m128i a = _mm_unpacklo_epi8(r0, r1), b = _mm_unpacklo_epi8(r2, r3);
    const __m128i ah = _mm_unpackhi_epi8(r0, r1), bh = _mm_unpackhi_epi8(r2, r3);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), _mm_unpacklo_epi16(a, b));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 16), _mm_unpackhi_epi16(a, b));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 32), _mm_unpacklo_epi16(ah, bh));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + 48), _mm_unpackhi_epi16(ah, bh));
}

}  // namespace

AWQ_AVX2 void quantize_q8_chunks(const float* x, Q8Activations& a) {
    const int64_t chunks = a.n / 32;
    for (int64_t c = 0; c < chunks; c += 2) {
        const __m256i q0 = quantize_chunk(x + 32 * c, a.d[size_t(c)], a.sum[size_t(c)]);
        const __m256i q1 = c + 1 < chunks ? quantize_chunk(x + 32 * c + 32, a.d[size_t(c + 1)], a.sum[size_t(c + 1)])
                                          : _mm256_setzero_si256();
        store_unit(q0, q1, a.q.data() + 32 * c);
    }
}

namespace {

template <int R>
struct Rows {
    const uint8_t* row[R];
    __m256 acc[R], ge[R], go[R];
};

// ge[r] += float(chunk 2u's lanes) * d_{2u}, go[r] likewise for 2u + 1 (when `odd_chunk`), all R rows.
template <int R>
AWQ_AVX2 inline void unit_step(Rows<R>& s, const int8_t* xq, const float* d, int64_t u, bool odd_chunk) {
    const __m256i m4 = _mm256_set1_epi8(15), even = _mm256_set1_epi32(1), odd = _mm256_set1_epi32(1 << 16);
    const __m256i xl = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + 64 * u));
    const __m256i xh = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(xq + 64 * u + 32));
    const __m256 d0 = _mm256_broadcast_ss(d + 2 * u);
    for (int r = 0; r < R; ++r) {
        const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(s.row[r] + 32 * u));
        const __m256i lo = _mm256_and_si256(v, m4), hi = _mm256_and_si256(_mm256_srli_epi16(v, 4), m4);
        const __m256i p = _mm256_add_epi16(_mm256_maddubs_epi16(lo, xl), _mm256_maddubs_epi16(hi, xh));
        s.ge[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_madd_epi16(p, even)), d0, s.ge[r]);
        if (odd_chunk)
            s.go[r] = _mm256_fmadd_ps(_mm256_cvtepi32_ps(_mm256_madd_epi16(p, odd)), _mm256_broadcast_ss(d + 2 * u + 1),
                                      s.go[r]);
    }
}

// acc[r] += part[r] * scale of group g of row r; part[r] = 0.
template <int R>
AWQ_AVX2 inline void fold(Rows<R>& s, __m256 (&part)[R], const float* const (&sc)[R], int64_t g) {
    for (int r = 0; r < R; ++r) {
        s.acc[r] = _mm256_fmadd_ps(part[r], _mm256_set1_ps(sc[r][g]), s.acc[r]);
        part[r] = _mm256_setzero_ps();
    }
}

// Rows o .. o + R - 1 (int4_gemv_q8_rows says why R is 1).
template <int R>
AWQ_AVX2 void rows_q8(const Int4Matrix& w, const Q8Activations& a, float* y, int64_t o) {
    const int64_t ng = w.groups(), gs = w.group_size(), chunks = w.in() / 32;
    const int8_t* xq = a.q.data();
    const float* d = a.d.data();
    Rows<R> s;
    const float* sc[R];
    for (int r = 0; r < R; ++r) {
        s.row[r] = w.row(o + r);
        sc[r] = w.scales() + (o + r) * ng;
        s.acc[r] = s.ge[r] = s.go[r] = _mm256_setzero_ps();
    }
    if (gs % 64 == 0) {  // every group is whole units: both streams fold at the group's end
        const int64_t per = gs / 64;
        for (int64_t g = 0; g < ng; ++g) {
            for (int64_t u = g * per; u < (g + 1) * per; ++u) unit_step<R>(s, xq, d, u, true);
            fold<R>(s, s.ge, sc, g);
            fold<R>(s, s.go, sc, g);
        }
    } else {  // group size 32 * odd: a stream folds when its next chunk starts another group or is past the end
        for (int64_t c = 0; c < chunks; c += 2) {
            const bool odd_chunk = c + 1 < chunks;
            unit_step<R>(s, xq, d, c / 2, odd_chunk);
            if (c + 2 >= chunks || (c + 2) * 32 / gs != c * 32 / gs) fold<R>(s, s.ge, sc, c * 32 / gs);
            if (odd_chunk && (c + 3 >= chunks || (c + 3) * 32 / gs != (c + 1) * 32 / gs))
                fold<R>(s, s.go, sc, (c + 1) * 32 / gs);
        }
    }
    for (int r = 0; r < R; ++r) {
        const uint8_t* zr = w.zeros() + (o + r) * ng;
        float off = 0.0f;  // sum_g (z_g s_g) X_g, as the scalar twin: one fma per group in order
        for (int64_t g = 0; g < ng; ++g) off = std::fma(float(zr[g]) * sc[r][g], a.group_sum[size_t(g)], off);
        y[o + r] = hsum(s.acc[r]) - off;
    }
}

}  // namespace

AWQ_AVX2 void int4_gemv_q8_rows(const Int4Matrix& w, const Q8Activations& a, float* y, int64_t o0, int64_t o1) {
    // One row at a time. Two rows sharing the activation loads (rows_q8<2>) run as fast from the caches but
    // read from DRAM at only 0.9-1.2x the float kernel's speed, against 1.3-1.9x for one row (40 matrices
    // of 2048 x 5632 in turn, one thread, 2026-12-08): one sequential stream suits the prefetcher better.
    for (int64_t o = o0; o < o1; ++o) rows_q8<1>(w, a, y, o);
}

}  // namespace awq::avx2

#else  // not x86-64: never called (cpu_has_avx2_fma() is false)

namespace awq::avx2 {
void quantize_q8_chunks(const float*, Q8Activations&) {}
void int4_gemv_q8_rows(const Int4Matrix&, const Q8Activations&, float*, int64_t, int64_t) {}
}  // namespace awq::avx2

#endif
