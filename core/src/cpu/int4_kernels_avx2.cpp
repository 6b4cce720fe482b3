// SPDX-License-Identifier: MIT
// AVX2/FMA INT4 kernels. Compiled with target attributes (the rest of the library stays baseline x86-64)
// and only called after a runtime check. Layout: see int4_matrix.hpp.
#include "cpu/int4_kernels_avx2.hpp"

#if defined(__x86_64__)
#include <immintrin.h>

#include <algorithm>

#define AWQ_AVX2 __attribute__((target("avx2,fma")))

namespace awq::avx2 {

namespace {

// Half H (0 or 1) of the 64-input unit at `unit` -> f[j] = its inputs 32H + 8j .. 32H + 8j + 7 as float:
// nibble 4H + j of every word, taken with an immediate shift and a mask.
template <int H>
AWQ_AVX2 inline void unpack_half(const uint8_t* unit, __m256 f[4]) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(unit));
    const __m256i mask = _mm256_set1_epi32(15);
    f[0] = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(v, 16 * H), mask));
    f[1] = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(v, 16 * H + 4), mask));
    f[2] = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(v, 16 * H + 8), mask));
    f[3] = _mm256_cvtepi32_ps(_mm256_and_si256(_mm256_srli_epi32(v, 16 * H + 12), mask));
}

// Chunk c (32 inputs) of a row: half c % 2 of unit c / 2.
AWQ_AVX2 inline void unpack_chunk(const uint8_t* row, int64_t c, __m256 f[4]) {
    if (c & 1)
        unpack_half<1>(row + (c / 2) * 32, f);
    else
        unpack_half<0>(row + (c / 2) * 32, f);
}

AWQ_AVX2 inline float hsum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// d[j] += 16^j * codes * x for one half of a unit; x points at that half's 32 inputs. Nibble 4H + j is
// masked in place, (v >> 16H) & (15 << 4j), and converted: 16^j q exactly (below 2^16), without the
// shift per nibble that unpack_half spends (the gemv is bound by its instruction count on two cores:
// docs/benchmarks.md). group_dot takes the powers of 16 out of the sums, exactly.
template <int H>
AWQ_AVX2 inline void dot_half(const uint8_t* unit, const float* x, __m256 d[4]) {
    __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(unit));
    if (H) v = _mm256_srli_epi32(v, 16);
    for (int j = 0; j < 4; ++j) {
        const __m256 f = _mm256_cvtepi32_ps(_mm256_and_si256(v, _mm256_set1_epi32(15 << (4 * j))));
        d[j] = _mm256_fmadd_ps(f, _mm256_loadu_ps(x + 8 * j), d[j]);
    }
}

// sum of q * x over chunks [c0, c0 + chunks) of a row, as 8 partial sums (eight independent FMA
// chains). x is the start of the input vector.
//
// d[j] holds 16^j times the sum over nibble position j (dot_half). Scaling by a power of two commutes
// with rounding (no overflow or underflow at these magnitudes), so (d0 + d1 / 16) + (d2 + d3 / 16) / 256
// rounds exactly like the unscaled (d0 + d1) + (d2 + d3): each FMA by 1/16 or 1/256 is the addition it
// replaces.
AWQ_AVX2 inline __m256 group_dot(const uint8_t* row, const float* x, int64_t c0, int64_t chunks) {
    __m256 d[4], e[4];
    for (int j = 0; j < 4; ++j) d[j] = e[j] = _mm256_setzero_ps();
    int64_t c = c0;
    const int64_t end = c0 + chunks;
    if (c & 1) dot_half<1>(row + (c / 2) * 32, x + 32 * c, d), ++c;
    for (; c + 1 < end; c += 2) {
        dot_half<0>(row + (c / 2) * 32, x + 32 * c, d);
        dot_half<1>(row + (c / 2) * 32, x + 32 * c + 32, e);
    }
    if (c < end) dot_half<0>(row + (c / 2) * 32, x + 32 * c, d);
    for (int j = 0; j < 4; ++j) d[j] = _mm256_add_ps(d[j], e[j]);
    const __m256 sixteenth = _mm256_set1_ps(1.0f / 16), inv256 = _mm256_set1_ps(1.0f / 256);
    const __m256 low = _mm256_fmadd_ps(d[1], sixteenth, d[0]), high = _mm256_fmadd_ps(d[3], sixteenth, d[2]);
    return _mm256_fmadd_ps(high, inv256, low);
}

}  // namespace

// y[o] = sum_g scale * (sum_i q x  -  zero * xsum[g]): the zero point is folded into one product per
// group, so the inner loop only unpacks codes and multiplies.
AWQ_AVX2 void int4_gemv_rows(const Int4Matrix& w, const float* x, const float* xsum, float* y, int64_t o0,
                             int64_t o1) {
    const int64_t ng = w.groups(), gs = w.group_size(), chunks = gs / 32;
    for (int64_t o = o0; o < o1; ++o) {
        const uint8_t* row = w.row(o);
        const float* sc = w.scales() + o * ng;
        const uint8_t* zr = w.zeros() + o * ng;
        __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
        float off = 0.0f;
        int64_t g = 0;
        for (; g + 1 < ng; g += 2) {  // two accumulators: consecutive groups do not wait on each other
            acc0 = _mm256_fmadd_ps(group_dot(row, x, g * chunks, chunks), _mm256_set1_ps(sc[g]), acc0);
            acc1 = _mm256_fmadd_ps(group_dot(row, x, (g + 1) * chunks, chunks), _mm256_set1_ps(sc[g + 1]), acc1);
            off -= float(zr[g]) * sc[g] * xsum[g] + float(zr[g + 1]) * sc[g + 1] * xsum[g + 1];
        }
        if (g < ng) {
            acc0 = _mm256_fmadd_ps(group_dot(row, x, g * chunks, chunks), _mm256_set1_ps(sc[g]), acc0);
            off -= float(zr[g]) * sc[g] * xsum[g];
        }
        y[o] = hsum(_mm256_add_ps(acc0, acc1)) + off;
    }
}

namespace {

// buf[r][0 .. klen) = (q - zero) * scale of rows o0 + r, inputs k0 .. k0 + klen (klen % 32 == 0, k0
// chunk-aligned, so each chunk lies in one group). Rows past the matrix are zero.
AWQ_AVX2 void dequant_tile(const Int4Matrix& w, int64_t o0, int64_t nr, int64_t k0, int64_t klen, float* buf) {
    const int64_t ng = w.groups(), gs = w.group_size();
    for (int64_t r = 0; r < kTileRows; ++r) {
        float* dst = buf + r * kTileK;
        if (r >= nr) {
            std::fill(dst, dst + klen, 0.0f);
            continue;
        }
        const uint8_t* row = w.row(o0 + r);
        for (int64_t k = 0; k < klen; k += 32) {
            const int64_t g = (o0 + r) * ng + (k0 + k) / gs;
            const __m256 s = _mm256_set1_ps(w.scales()[g]);
            const __m256 zs = _mm256_set1_ps(-float(w.zeros()[g]) * w.scales()[g]);
            __m256 f[4];
            unpack_chunk(row, (k0 + k) / 32, f);
            for (int j = 0; j < 4; ++j) _mm256_store_ps(dst + k + 8 * j, _mm256_fmadd_ps(f[j], s, zs));
        }
    }
}

// Dot products of MR rows of X with the kTileRows buffered weight rows over klen inputs, added to Y.
template <int MR>
AWQ_AVX2 void micro_kernel(const float* x, int64_t ldx, const float* buf, int64_t klen, float* y, int64_t ldy,
                           int64_t nr) {
    __m256 acc[MR][kTileRows];
    for (int r = 0; r < MR; ++r)
        for (int c = 0; c < kTileRows; ++c) acc[r][c] = _mm256_setzero_ps();
    for (int64_t k = 0; k < klen; k += 8) {
        __m256 wv[kTileRows];
        for (int c = 0; c < kTileRows; ++c) wv[c] = _mm256_load_ps(buf + c * kTileK + k);
        for (int r = 0; r < MR; ++r) {
            const __m256 xv = _mm256_loadu_ps(x + r * ldx + k);
            for (int c = 0; c < kTileRows; ++c) acc[r][c] = _mm256_fmadd_ps(xv, wv[c], acc[r][c]);
        }
    }
    for (int r = 0; r < MR; ++r)
        for (int64_t c = 0; c < nr; ++c) y[r * ldy + c] += hsum(acc[r][c]);
}

}  // namespace

AWQ_AVX2 void int4_gemm_tile(const Int4Matrix& w, const float* x, int64_t m, float* y, int64_t o0, float* buf) {
    const int64_t in = w.in(), out = w.out();
    const int64_t nr = std::min(kTileRows, out - o0);
    for (int64_t i = 0; i < m; ++i)
        for (int64_t c = 0; c < nr; ++c) y[i * out + o0 + c] = 0.0f;
    for (int64_t m0 = 0; m0 < m; m0 += kTileM) {  // X block of kTileM x kTileK stays in L2
        const int64_t m1 = std::min(m, m0 + kTileM);
        for (int64_t k0 = 0; k0 < in; k0 += kTileK) {
            const int64_t klen = std::min(kTileK, in - k0);
            dequant_tile(w, o0, nr, k0, klen, buf);
            int64_t i = m0;
            for (; i + 1 < m1; i += 2) micro_kernel<2>(x + i * in + k0, in, buf, klen, y + i * out + o0, out, nr);
            if (i < m1) micro_kernel<1>(x + i * in + k0, in, buf, klen, y + i * out + o0, out, nr);
        }
    }
}

}  // namespace awq::avx2

#else  // not x86-64: never called (cpu_has_avx2_fma() is false)

namespace awq::avx2 {
void int4_gemv_rows(const Int4Matrix&, const float*, const float*, float*, int64_t, int64_t) {}
void int4_gemm_tile(const Int4Matrix&, const float*, int64_t, float*, int64_t, float*) {}
}  // namespace awq::avx2

#endif
