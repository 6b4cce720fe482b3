// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/quant/clip_search.hpp>
#include <awq/int4/quantizer.hpp>

#include <awq/cpu/sgemm.hpp>

#include <algorithm>
#include <cmath>

namespace awq {

std::vector<float> sample_rows(const float* x, int64_t rows, int64_t in, int64_t n) {
    const int64_t stride = std::max<int64_t>(1, rows / std::max<int64_t>(n, 1));
    std::vector<float> out;
    for (int64_t r = 0, taken = 0; r < rows && taken < n; r += stride, ++taken)
        out.insert(out.end(), x + r * in, x + (r + 1) * in);
    return out;
}

namespace {

std::vector<float> group_max_abs(const std::vector<float>& w, int64_t out, int64_t in, int64_t g) {
    const int64_t groups = in / g;
    std::vector<float> m(static_cast<size_t>(out * groups), 0.0f);
    for (int64_t o = 0; o < out; ++o)
        for (int64_t k = 0; k < groups; ++k)
            for (int64_t i = k * g; i < (k + 1) * g; ++i)
                m[size_t(o * groups + k)] = std::max(m[size_t(o * groups + k)], std::abs(w[size_t(o * in + i)]));
    return m;
}

int shrink_steps(const AwqSettings& s) { return std::max(1, int(s.clip_grid * s.clip_max_shrink)); }

// fake_quant(clamp(W)) - W of the whole matrix, each group clamped to its bound first.
std::vector<float> weight_error(const std::vector<float>& w, int64_t out, int64_t in, const QuantParams& q,
                                const float* max_abs) {
    std::vector<float> e = w;
    fake_quantize_clipped(e.data(), out, in, q, max_abs);
    for (size_t k = 0; k < e.size(); ++k) e[k] -= w[k];
    return e;
}

// Per output row: the sum over the sampled tokens of the squared output error e [out, in] . xs [n, in]^T.
std::vector<double> row_output_error(const std::vector<float>& e, int64_t out, int64_t in, const std::vector<float>& xs,
                                     int64_t n_tokens) {
    std::vector<float> y(static_cast<size_t>(out * n_tokens));
    sgemm_nt(out, n_tokens, in, e.data(), in, xs.data(), in, y.data(), n_tokens);
    std::vector<double> se(static_cast<size_t>(out), 0.0);
    for (int64_t o = 0; o < out; ++o)
        for (int64_t t = 0; t < n_tokens; ++t) se[size_t(o)] += double(y[size_t(o * n_tokens + t)]) * y[size_t(o * n_tokens + t)];
    return se;
}

// Sets row o back to factor 1 (its groups' errors to their unclipped values); true when it had clipping.
bool revert_row(ClipResult& r, int64_t o, int64_t groups, const std::vector<float>& org_max,
                std::vector<double>& best, const std::vector<double>& unclipped) {
    bool had = false;
    for (int64_t k = 0; k < groups; ++k) {
        const size_t idx = size_t(o * groups + k);
        had = had || r.shrink[idx] < 1.0f;
        r.max_abs[idx] = org_max[idx];
        r.shrink[idx] = 1.0f;
        best[idx] = unclipped[idx];
    }
    return had;
}

}  // namespace

void apply_clip(std::vector<float>& w, int64_t out, int64_t in, int64_t group_size, const std::vector<float>& max_abs) {
    const int64_t g = group_size > 0 ? group_size : in, groups = in / g;
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) {
            const float m = max_abs[size_t(o * groups + i / g)];
            w[size_t(o * in + i)] = std::clamp(w[size_t(o * in + i)], -m, m);
        }
}

ClipResult search_best_clip(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                            int64_t n_tokens, const AwqSettings& settings, const std::function<bool()>& keep_going) {
    const int64_t g = resolve_group_size(settings.quant, in), groups = in / g;
    const std::vector<float> org_max = group_max_abs(w, out, in, g);
    ClipResult r;
    r.max_abs = org_max;
    r.shrink.assign(org_max.size(), 1.0f);
    r.rows = out;
    std::vector<double> best(org_max.size(), INFINITY), unclipped(org_max.size());
    std::vector<float> bound(org_max.size()), wq(w.size()), err(static_cast<size_t>(out * n_tokens));
    std::vector<float> unclipped_error;  // step 0's (factor 1) weight error, kept for the row check
    const bool row_check = clip_row_check_applies(settings);
    for (int step = 0; step < shrink_steps(settings); ++step) {
        const float factor = 1.0f - float(step) / float(settings.clip_grid);
        for (size_t k = 0; k < bound.size(); ++k) bound[k] = org_max[k] * factor;
        wq = w;
        fake_quantize_clipped(wq.data(), out, in, settings.quant, bound.data());
        for (size_t k = 0; k < wq.size(); ++k) wq[k] -= w[k];  // the quantization error of the weights
        if (step == 0 && row_check) unclipped_error = wq;
        for (int64_t k = 0; k < groups; ++k) {
            // err[o, t] = sum over the group's inputs of (Wq - W)[o, i] * x[t, i]: the partial-output error.
            sgemm_nt(out, n_tokens, g, wq.data() + k * g, in, xs.data() + k * g, in, err.data(), n_tokens);
            for (int64_t o = 0; o < out; ++o) {
                double se = 0;
                for (int64_t t = 0; t < n_tokens; ++t) se += double(err[size_t(o * n_tokens + t)]) * err[size_t(o * n_tokens + t)];
                const double mse = se / double(n_tokens);
                const size_t idx = size_t(o * groups + k);
                if (step == 0) {
                    r.error_unclipped += mse;
                    unclipped[idx] = mse;
                }
                if (mse < best[idx]) {
                    best[idx] = mse;
                    r.max_abs[idx] = bound[idx];
                    r.shrink[idx] = factor;
                }
            }
        }
        if (keep_going && !keep_going()) throw Cancelled();
    }
    if (row_check) {
        const std::vector<double> clipped = row_output_error(weight_error(w, out, in, settings.quant, r.max_abs.data()),
                                                             out, in, xs, n_tokens);
        const std::vector<double> plain =
            row_output_error(unclipped_error, out, in, xs, n_tokens);
        for (int64_t o = 0; o < out; ++o)
            if (!(clipped[size_t(o)] < plain[size_t(o)]))
                r.rows_reverted += revert_row(r, o, groups, org_max, best, unclipped) ? 1 : 0;
    }
    for (double b : best) r.error_clipped += b;
    const double norm = double(out);
    r.error_unclipped /= norm;
    r.error_clipped /= norm;
    return r;
}

ClipResult search_best_clip_ref(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                                int64_t n_tokens, const AwqSettings& settings) {
    const int64_t g = resolve_group_size(settings.quant, in), groups = in / g;
    QuantParams one_group = settings.quant;
    one_group.group_size = int(g);
    ClipResult r;
    r.rows = out;
    r.max_abs.resize(size_t(out * groups));
    r.shrink.resize(size_t(out * groups));
    std::vector<float> grp(static_cast<size_t>(g));
    std::vector<double> best_of(size_t(out * groups)), unclipped_of(size_t(out * groups));
    std::vector<float> org_max(size_t(out * groups));
    for (int64_t o = 0; o < out; ++o)
        for (int64_t k = 0; k < groups; ++k) {
            const float* src = w.data() + o * in + k * g;
            float mx = 0;
            for (int64_t i = 0; i < g; ++i) mx = std::max(mx, std::abs(src[i]));
            org_max[size_t(o * groups + k)] = mx;
            double best = INFINITY;
            for (int step = 0; step < shrink_steps(settings); ++step) {
                const float factor = 1.0f - float(step) / float(settings.clip_grid);
                const float bound = mx * factor;
                for (int64_t i = 0; i < g; ++i) grp[size_t(i)] = std::clamp(src[i], -bound, bound);
                fake_quantize_ref(grp.data(), 1, g, one_group);
                double se = 0;
                for (int64_t t = 0; t < n_tokens; ++t) {
                    double e = 0;
                    for (int64_t i = 0; i < g; ++i) e += (double(grp[size_t(i)]) - src[i]) * xs[size_t(t * in + k * g + i)];
                    se += e * e;
                }
                const double mse = se / double(n_tokens);
                if (step == 0) {
                    r.error_unclipped += mse;
                    unclipped_of[size_t(o * groups + k)] = mse;
                }
                if (mse < best) {
                    best = mse;
                    r.max_abs[size_t(o * groups + k)] = bound;
                    r.shrink[size_t(o * groups + k)] = factor;
                }
            }
            best_of[size_t(o * groups + k)] = best;
        }
    if (clip_row_check_applies(settings)) {
        // Each row's whole output error, clipped as chosen and unclipped, one token at a time.
        std::vector<float> qc(static_cast<size_t>(in)), qn(static_cast<size_t>(in));
        for (int64_t o = 0; o < out; ++o) {
            const float* src = w.data() + o * in;
            for (int64_t k = 0; k < groups; ++k) {
                const float bound = r.max_abs[size_t(o * groups + k)];
                for (int64_t i = k * g; i < (k + 1) * g; ++i) {
                    qc[size_t(i)] = std::clamp(src[i], -bound, bound);
                    qn[size_t(i)] = src[i];
                }
            }
            fake_quantize_ref(qc.data(), 1, in, settings.quant);
            fake_quantize_ref(qn.data(), 1, in, settings.quant);
            double sc = 0, sn = 0;
            for (int64_t t = 0; t < n_tokens; ++t) {
                double ec = 0, en = 0;
                for (int64_t i = 0; i < in; ++i) {
                    ec += (double(qc[size_t(i)]) - src[i]) * xs[size_t(t * in + i)];
                    en += (double(qn[size_t(i)]) - src[i]) * xs[size_t(t * in + i)];
                }
                sc += ec * ec;
                sn += en * en;
            }
            if (!(sc < sn)) r.rows_reverted += revert_row(r, o, groups, org_max, best_of, unclipped_of) ? 1 : 0;
        }
    }
    for (double b : best_of) r.error_clipped += b;
    r.error_unclipped /= double(out);
    r.error_clipped /= double(out);
    return r;
}

}  // namespace awq
