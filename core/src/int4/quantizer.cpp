// SPDX-License-Identifier: MIT
// Fast group-wise quantization (OpenMP over rows). The scalar twin is in quantizer_ref.cpp; both follow
// the formulas in quantizer.hpp and must agree bit for bit.
#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/int4/quantizer.hpp>

#include "parallel_for.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <exception>
#include <string>

// The selects below (clamps, rounding) may only be if-converted into vector code when the compiler may
// ignore floating-point exception flags, which nothing here reads; values are unaffected. round_even is
// included under the same options so that it inlines.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")
#endif
#include "round_even.hpp"

namespace awq {

int64_t resolve_group_size(const QuantParams& p, int64_t in) {
    if (p.bits < 2 || p.bits > 8)
        throw InvalidArgument("quantization: bits must be 2..8, got " + std::to_string(p.bits));
    if (in <= 0) throw InvalidArgument("quantization: input width must be positive, got " + std::to_string(in));
    if (p.group_size == -1) return in;
    if (p.group_size <= 0 || in % p.group_size != 0)
        throw InvalidArgument("quantization: group size " + std::to_string(p.group_size) +
                              " does not divide the input width " + std::to_string(in));
    return p.group_size;
}

float round_to_f16(float s) { return f16_to_f32(f32_to_f16(s)); }

std::vector<float> QuantizedMatrix::dequantize() const {
    std::vector<float> w(size_t(out * in));
    const int64_t ng = groups();
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) {
            const int64_t g = o * ng + i / group_size;
            w[size_t(o * in + i)] = float(int(q[size_t(o * in + i)]) - zeros[size_t(g)]) * scales[size_t(g)];
        }
    return w;
}

GroupParams group_params(float mn, float mx, const QuantParams& p) {
    if (p.zero_point) {
        const float qmax = float((1 << p.bits) - 1);
        float scale = std::max(mx - mn, 1e-5f) / qmax;
        if (p.fp16_scales) scale = round_to_f16(scale);
        return {scale, int32_t(std::clamp(-round_even(mn / scale), 0.0f, qmax))};
    }
    const float half = float(1 << (p.bits - 1));
    float scale = std::max(std::max(std::fabs(mn), std::fabs(mx)), 1e-5f) / (half - 1.0f);
    if (p.fp16_scales) scale = round_to_f16(scale);
    return {scale, int32_t(half)};
}

namespace {

// code c = clamp(round(w / scale) + add, lo, hi); dequant = (c - add) * scale; stored q = c + offset.
// Asymmetric: add = zero, [lo, hi] = [0, 2^bits - 1], offset 0. Symmetric: add 0, [lo, hi] =
// [-2^(bits-1), 2^(bits-1) - 1], offset 2^(bits-1) (kept apart so that -0.0 survives like in torch).
// Symmetric adds nothing (rather than +0, which would turn torch's -0.0 codes into +0.0).
struct GroupQuant {
    float scale, add, lo, hi, offset;
    bool asym;
};

[[noreturn]] void throw_bad_group(const char* what, int64_t row, int64_t g) {
    throw InvalidArgument(std::string("quantization: weight row ") + std::to_string(row) + " group " +
                          std::to_string(g) + " " + what);
}

// Min and max of a group, in 8 independent lanes so that the compiler vectorises it (a float min
// reduction in one variable is not reassociated without -ffast-math). Order does not matter for the
// values; zeros are made +0 as in the reference. Throws for NaN / infinity.
void group_min_max(const float* w, int64_t n, float& mn, float& mx, int64_t row, int64_t g) {
    constexpr int L = 8;
    float lo[L], hi[L];
    int bad[L];
    for (int l = 0; l < L; ++l) lo[l] = hi[l] = w[0], bad[l] = 0;
    int64_t i = 0;
    for (; i + L <= n; i += L)
        for (int l = 0; l < L; ++l) {
            const float v = w[i + l];
            lo[l] = v < lo[l] ? v : lo[l];
            hi[l] = v > hi[l] ? v : hi[l];
            bad[l] |= !(__builtin_fabsf(v) <= FLT_MAX);
        }
    for (; i < n; ++i) {
        lo[0] = w[i] < lo[0] ? w[i] : lo[0];
        hi[0] = w[i] > hi[0] ? w[i] : hi[0];
        bad[0] |= !(__builtin_fabsf(w[i]) <= FLT_MAX);
    }
    mn = lo[0];
    mx = hi[0];
    int any_bad = bad[0];
    for (int l = 1; l < L; ++l) {
        mn = lo[l] < mn ? lo[l] : mn;
        mx = hi[l] > mx ? hi[l] : mx;
        any_bad |= bad[l];
    }
    if (any_bad) throw_bad_group("contains a non-finite value", row, g);
    mn += 0.0f;  // -0 -> +0
    mx += 0.0f;
}

GroupQuant group_quant(const float* w, int64_t n, const QuantParams& p, int64_t row, int64_t g) {
    float mn, mx;
    group_min_max(w, n, mn, mx, row, g);
    const GroupParams gp = group_params(mn, mx, p);
    GroupQuant gq;
    gq.scale = gp.scale;
    if (p.zero_point) {
        gq.add = float(gp.zero);
        gq.lo = 0.0f;
        gq.hi = float((1 << p.bits) - 1);
        gq.offset = 0.0f;
        gq.asym = true;
    } else {
        const float half = float(1 << (p.bits - 1));
        gq.add = 0.0f;
        gq.lo = -half;
        gq.hi = half - 1.0f;
        gq.offset = half;
        gq.asym = false;
    }
    if (!std::isfinite(gq.scale)) throw_bad_group("has a scale beyond the FP16 range", row, g);
    return gq;
}

// Branch-free (selects only) so that the loops over a group vectorise.
// The group's parameters are passed by value so that they stay in registers.
template <bool Asym>
inline float code_of(float v, float scale, float add, float lo, float hi) {
    float r = round_even(v / scale);
    if constexpr (Asym) r += add;
    r = r < lo ? lo : r;
    return r > hi ? hi : r;
}

template <bool Asym>
void fake_quantize_group(float* __restrict grp, int64_t n, GroupQuant gq) {
    const float scale = gq.scale, add = gq.add, lo = gq.lo, hi = gq.hi;
    for (int64_t i = 0; i < n; ++i) grp[i] = (code_of<Asym>(grp[i], scale, add, lo, hi) - add) * scale;
}

template <bool Asym>
void quantize_group(const float* __restrict grp, int64_t n, GroupQuant gq, uint8_t* __restrict codes) {
    const float scale = gq.scale, add = gq.add, lo = gq.lo, hi = gq.hi, offset = gq.offset;
    for (int64_t i = 0; i < n; ++i) codes[i] = uint8_t(int(code_of<Asym>(grp[i], scale, add, lo, hi) + offset));
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif

void fake_quantize_rows(float* w, int64_t out, int64_t in, const QuantParams& p, const float* clip) {
    const int64_t gs = resolve_group_size(p, in);
    const int64_t ng = in / gs;
    parallel_for(0, out, [&](int64_t o) {
        for (int64_t g = 0; g < ng; ++g) {
            float* grp = w + o * in + g * gs;
            if (clip) {
                const float m = clip[o * ng + g];
                if (!(m >= 0.0f)) throw_bad_group("has a negative or NaN clip value", o, g);
                for (int64_t i = 0; i < gs; ++i) grp[i] = std::clamp(grp[i], -m, m);
            }
            const GroupQuant gq = group_quant(grp, gs, p, o, g);
            if (gq.asym)
                fake_quantize_group<true>(grp, gs, gq);
            else
                fake_quantize_group<false>(grp, gs, gq);
        }
    });
}

}  // namespace

QuantizedMatrix quantize(const float* w, int64_t out, int64_t in, const QuantParams& p) {
    QuantizedMatrix m;
    m.group_size = resolve_group_size(p, in);
    if (out <= 0) throw InvalidArgument("quantization: output width must be positive, got " + std::to_string(out));
    m.out = out;
    m.in = in;
    m.bits = p.bits;
    m.zero_point = p.zero_point;
    const int64_t gs = m.group_size, ng = m.groups();
    m.q.resize(size_t(out * in));
    m.scales.resize(size_t(out * ng));
    m.zeros.resize(size_t(out * ng));
    parallel_for(0, out, [&](int64_t o) {
        for (int64_t g = 0; g < ng; ++g) {
            const float* grp = w + o * in + g * gs;
            const GroupQuant gq = group_quant(grp, gs, p, o, g);
            uint8_t* codes = m.q.data() + o * in + g * gs;
            if (gq.asym)
                quantize_group<true>(grp, gs, gq, codes);
            else
                quantize_group<false>(grp, gs, gq, codes);
            m.scales[size_t(o * ng + g)] = gq.scale;
            m.zeros[size_t(o * ng + g)] = int32_t(gq.add + gq.offset);
        }
    });
    return m;
}

void fake_quantize(float* w, int64_t out, int64_t in, const QuantParams& p) {
    fake_quantize_rows(w, out, in, p, nullptr);
}

void fake_quantize_clipped(float* w, int64_t out, int64_t in, const QuantParams& p,
                           const float* max_abs_per_group) {
    if (!max_abs_per_group) throw InvalidArgument("fake_quantize_clipped: no clip values given");
    fake_quantize_rows(w, out, in, p, max_abs_per_group);
}

}  // namespace awq
