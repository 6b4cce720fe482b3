// SPDX-License-Identifier: MIT
// Activation-weighted range search (range_search.hpp): the fast version, one row per OpenMP iteration,
// every candidate range's error computed without building the clamped group. The reference twin is
// search_weighted_range_ref below.
#include <awq/error.hpp>
#include <awq/int4/quantizer.hpp>
#include <awq/quant/range_search.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <string>

// The whole file under no-trapping-math, so that round_even (included here) inlines into the candidate loop
// and its clamps and selects vectorise; no floating-point flag is read, values are unaffected.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("no-trapping-math")
#endif
#include "int4/round_even.hpp"
#include "int4/parallel_for.hpp"

namespace awq {

std::vector<float> channel_mean_square(const float* x, int64_t rows, int64_t cols) {
    std::vector<double> acc(static_cast<size_t>(cols), 0.0);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) acc[size_t(c)] += double(x[r * cols + c]) * x[r * cols + c];
    std::vector<float> mean(static_cast<size_t>(cols));
    for (int64_t c = 0; c < cols; ++c) mean[size_t(c)] = float(acc[size_t(c)] / double(std::max<int64_t>(rows, 1)));
    return mean;
}

namespace {

std::vector<float> shrink_factors(const AwqSettings& s) {
    if (s.clip_grid < 1) throw InvalidArgument("range search: the clip grid needs at least one point");
    std::vector<float> f;
    const int steps = std::max(1, int(s.clip_grid * s.clip_max_shrink));
    for (int k = 0; k < steps; ++k) f.push_back(1.0f - float(k) / float(s.clip_grid));
    return f;
}

// The clamp range of candidate (a, b) for a group with minimum mn and maximum mx (both +0 for zero): the
// min and max shrink towards zero, a side that does not cross zero stays where it is (clamping it would
// move no value). Symmetric quantization has one bound, the max |w| times b.
struct Bounds {
    float lo, hi;
};
Bounds candidate_bounds(float mn, float mx, float a, float b, bool zero_point) {
    if (!zero_point) {
        const float m = std::max(std::fabs(mn), std::fabs(mx)) * b;
        return {-m, m};
    }
    return {mn < 0.0f ? mn * a : mn, mx > 0.0f ? mx * b : mx};
}

[[noreturn]] void throw_bad_group(const char* what, int64_t row, int64_t g) {
    throw InvalidArgument(std::string("range search: weight row ") + std::to_string(row) + " group " +
                          std::to_string(g) + " " + what);
}

// sum_i d_i (w_i - q(clamp(w_i)))^2 for the range [lo, hi], in 8 float lanes (vectorised), then summed.
// The scale and zero point are the quantizer's formulas (quantizer.hpp) with the range as min and max.
float weighted_error(const float* __restrict w, const float* __restrict d, int64_t n, Bounds r, const QuantParams& p) {
    float scale, add, qlo, qhi;
    if (p.zero_point) {
        const float qmax = float((1 << p.bits) - 1);
        scale = std::max(r.hi - r.lo, 1e-5f) / qmax;
        if (p.fp16_scales) scale = round_to_f16(scale);
        add = std::clamp(-round_even(r.lo / scale), 0.0f, qmax);
        qlo = 0.0f;
        qhi = qmax;
    } else {
        const float half = float(1 << (p.bits - 1));
        scale = std::max(r.hi, 1e-5f) / (half - 1.0f);
        if (p.fp16_scales) scale = round_to_f16(scale);
        add = 0.0f;
        qlo = -half;
        qhi = half - 1.0f;
    }
    if (!std::isfinite(scale)) return INFINITY;  // beyond FP16: not a usable candidate
    constexpr int L = 8;
    float acc[L] = {};
    int64_t i = 0;
    const auto term = [&](int64_t k) {
        float v = w[k] < r.lo ? r.lo : w[k];
        v = v > r.hi ? r.hi : v;
        float c = round_even(v / scale) + add;
        c = c < qlo ? qlo : c;
        c = c > qhi ? qhi : c;
        const float e = w[k] - (c - add) * scale;
        return d[k] * e * e;
    };
    for (; i + L <= n; i += L)
        for (int l = 0; l < L; ++l) acc[l] += term(i + l);
    for (; i < n; ++i) acc[0] += term(i);
    float s = 0;
    for (float a : acc) s += a;
    return s;
}

void min_max(const float* w, int64_t n, float& mn, float& mx, int64_t row, int64_t g) {
    mn = mx = w[0];
    for (int64_t i = 0; i < n; ++i) {
        if (!std::isfinite(w[i])) throw_bad_group("contains a non-finite value", row, g);
        mn = std::min(mn, w[i]);
        mx = std::max(mx, w[i]);
    }
    mn += 0.0f;  // -0 -> +0, as the quantizer does
    mx += 0.0f;
}

void check_inputs(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& importance) {
    if (out <= 0 || int64_t(w.size()) != out * in)
        throw InvalidArgument("range search: " + std::to_string(w.size()) + " weights for a " + std::to_string(out) +
                              " x " + std::to_string(in) + " matrix");
    if (int64_t(importance.size()) != in)
        throw InvalidArgument("range search: " + std::to_string(importance.size()) + " importance values for " +
                              std::to_string(in) + " inputs");
    for (float v : importance)
        if (!(v >= 0.0f) || !std::isfinite(v))
            throw InvalidArgument("range search: an importance value is negative or not finite");
}

RangeResult empty_result(int64_t out, int64_t groups) {
    RangeResult r;
    r.rows = out;
    r.lo.resize(size_t(out * groups));
    r.hi.resize(size_t(out * groups));
    r.lo_factor.resize(size_t(out * groups));
    r.hi_factor.resize(size_t(out * groups));
    return r;
}

}  // namespace

RangeResult search_weighted_range(const std::vector<float>& w, int64_t out, int64_t in,
                                  const std::vector<float>& importance, const AwqSettings& settings,
                                  const std::function<bool()>& keep_going) {
    check_inputs(w, out, in, importance);
    const int64_t g = resolve_group_size(settings.quant, in), groups = in / g;
    const std::vector<float> f = shrink_factors(settings);
    const bool zp = settings.quant.zero_point;
    const size_t n_a = zp ? f.size() : 1;
    RangeResult r = empty_result(out, groups);
    std::vector<double> full(size_t(out), 0.0), chosen(size_t(out), 0.0);
    // Rows in chunks so that keep_going is asked between them (it reports progress; not thread-safe).
    const int64_t chunk = 64;
    for (int64_t r0 = 0; r0 < out; r0 += chunk) {
        const int64_t r1 = std::min(out, r0 + chunk);
        parallel_for(
            r0, r1,
            [&](int64_t o) {
                for (int64_t k = 0; k < groups; ++k) {
                    const float* grp = w.data() + o * in + k * g;
                    const float* d = importance.data() + k * g;
                    float mn, mx;
                    min_max(grp, g, mn, mx, o, k);
                    float best = INFINITY;
                    size_t best_a = 0, best_b = 0;
                    for (size_t ia = 0; ia < n_a; ++ia)
                        for (size_t ib = 0; ib < f.size(); ++ib) {
                            const Bounds b = candidate_bounds(mn, mx, f[ia], f[ib], zp);
                            if (b.hi < b.lo) continue;
                            const float e = weighted_error(grp, d, g, b, settings.quant);
                            if (ia == 0 && ib == 0) full[size_t(o)] += e;
                            if (e < best) best = e, best_a = ia, best_b = ib;
                        }
                    if (!std::isfinite(best)) throw_bad_group("has no range whose scale fits FP16", o, k);
                    const Bounds b = candidate_bounds(mn, mx, f[best_a], f[best_b], zp);
                    const size_t idx = size_t(o * groups + k);
                    r.lo[idx] = b.lo;
                    r.hi[idx] = b.hi;
                    r.lo_factor[idx] = zp ? f[best_a] : f[best_b];
                    r.hi_factor[idx] = f[best_b];
                    chosen[size_t(o)] += best;
                }
            },
            Schedule::Dynamic, 4);
        if (keep_going && !keep_going()) throw Cancelled();
    }
    for (int64_t o = 0; o < out; ++o) r.error_full += full[size_t(o)], r.error_chosen += chosen[size_t(o)];
    r.error_full /= double(out);
    r.error_chosen /= double(out);
    return r;
}

RangeResult search_weighted_range_ref(const std::vector<float>& w, int64_t out, int64_t in,
                                      const std::vector<float>& importance, const AwqSettings& settings) {
    check_inputs(w, out, in, importance);
    const int64_t g = resolve_group_size(settings.quant, in), groups = in / g;
    const std::vector<float> f = shrink_factors(settings);
    const bool zp = settings.quant.zero_point;
    QuantParams one_group = settings.quant;
    one_group.group_size = int(g);
    RangeResult r = empty_result(out, groups);
    std::vector<float> q(static_cast<size_t>(g));
    for (int64_t o = 0; o < out; ++o)
        for (int64_t k = 0; k < groups; ++k) {
            const float* grp = w.data() + o * in + k * g;
            float mn = *std::min_element(grp, grp + g) + 0.0f, mx = *std::max_element(grp, grp + g) + 0.0f;
            double best = INFINITY;
            for (size_t ia = 0; ia < (zp ? f.size() : 1); ++ia)
                for (size_t ib = 0; ib < f.size(); ++ib) {
                    const Bounds b = candidate_bounds(mn, mx, f[ia], f[ib], zp);
                    if (b.hi < b.lo) continue;
                    for (int64_t i = 0; i < g; ++i) q[size_t(i)] = std::clamp(grp[i], b.lo, b.hi);
                    try {
                        fake_quantize_ref(q.data(), 1, g, one_group);
                    } catch (const InvalidArgument&) {
                        continue;  // a scale beyond FP16
                    }
                    double e = 0;
                    for (int64_t i = 0; i < g; ++i) {
                        const double diff = double(grp[i]) - q[size_t(i)];
                        e += double(importance[size_t(k * g + i)]) * diff * diff;
                    }
                    if (ia == 0 && ib == 0) r.error_full += e;
                    if (e < best) {
                        best = e;
                        const size_t idx = size_t(o * groups + k);
                        r.lo[idx] = b.lo;
                        r.hi[idx] = b.hi;
                        r.lo_factor[idx] = zp ? f[ia] : f[ib];
                        r.hi_factor[idx] = f[ib];
                    }
                }
            r.error_chosen += best;
        }
    r.error_full /= double(out);
    r.error_chosen /= double(out);
    return r;
}

ClipResult as_clip_result(RangeResult r) {
    ClipResult c;
    c.max_abs = std::move(r.hi);
    c.shrink = std::move(r.hi_factor);
    c.lo = std::move(r.lo);
    c.lo_shrink = std::move(r.lo_factor);
    c.error_unclipped = r.error_full;
    c.error_clipped = r.error_chosen;
    c.rows = r.rows;
    return c;
}

void apply_range(std::vector<float>& w, int64_t out, int64_t in, int64_t group_size, const std::vector<float>& lo,
                 const std::vector<float>& hi) {
    const int64_t g = group_size > 0 ? group_size : in, groups = in / g;
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) {
            const size_t idx = size_t(o * groups + i / g);
            w[size_t(o * in + i)] = std::clamp(w[size_t(o * in + i)], lo[idx], hi[idx]);
        }
}

}  // namespace awq

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif
