#include <awq/error.hpp>
#include <awq/quant/clip_search.hpp>

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
    std::vector<double> best(org_max.size(), INFINITY);
    std::vector<float> bound(org_max.size()), wq(w.size()), err(static_cast<size_t>(out * n_tokens));
    for (int step = 0; step < shrink_steps(settings); ++step) {
        const float factor = 1.0f - float(step) / float(settings.clip_grid);
        for (size_t k = 0; k < bound.size(); ++k) bound[k] = org_max[k] * factor;
        wq = w;
        fake_quantize_clipped(wq.data(), out, in, settings.quant, bound.data());
        for (size_t k = 0; k < wq.size(); ++k) wq[k] -= w[k];  // the quantization error of the weights
        for (int64_t k = 0; k < groups; ++k) {
            // err[o, t] = sum over the group's inputs of (Wq - W)[o, i] * x[t, i]: the partial-output error.
            sgemm_nt(out, n_tokens, g, wq.data() + k * g, in, xs.data() + k * g, in, err.data(), n_tokens);
            for (int64_t o = 0; o < out; ++o) {
                double se = 0;
                for (int64_t t = 0; t < n_tokens; ++t) se += double(err[size_t(o * n_tokens + t)]) * err[size_t(o * n_tokens + t)];
                const double mse = se / double(n_tokens);
                const size_t idx = size_t(o * groups + k);
                if (step == 0) r.error_unclipped += mse;
                if (mse < best[idx]) {
                    best[idx] = mse;
                    r.max_abs[idx] = bound[idx];
                    r.shrink[idx] = factor;
                }
            }
        }
        if (keep_going && !keep_going()) throw Cancelled();
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
    r.max_abs.resize(size_t(out * groups));
    r.shrink.resize(size_t(out * groups));
    std::vector<float> grp(static_cast<size_t>(g));
    for (int64_t o = 0; o < out; ++o)
        for (int64_t k = 0; k < groups; ++k) {
            const float* src = w.data() + o * in + k * g;
            float mx = 0;
            for (int64_t i = 0; i < g; ++i) mx = std::max(mx, std::abs(src[i]));
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
                if (step == 0) r.error_unclipped += mse;
                if (mse < best) {
                    best = mse;
                    r.max_abs[size_t(o * groups + k)] = bound;
                    r.shrink[size_t(o * groups + k)] = factor;
                }
            }
            r.error_clipped += best;
        }
    r.error_unclipped /= double(out);
    r.error_clipped /= double(out);
    return r;
}

}  // namespace awq
