// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/quant/scale_search.hpp>

#include <algorithm>
#include <cmath>

namespace awq {

std::vector<float> channel_mean_abs(const float* x, int64_t rows, int64_t cols) {
    std::vector<double> acc(static_cast<size_t>(cols), 0.0);
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) acc[size_t(c)] += std::abs(double(x[r * cols + c]));
    std::vector<float> mean(static_cast<size_t>(cols));
    for (int64_t c = 0; c < cols; ++c) mean[size_t(c)] = float(acc[size_t(c)] / double(std::max<int64_t>(rows, 1)));
    return mean;
}

std::vector<float> weight_mean_normalised(const std::vector<const std::vector<float>*>& weights, int64_t in,
                                          int64_t group_size) {
    const int64_t g = group_size > 0 ? group_size : in;
    std::vector<double> acc(static_cast<size_t>(in), 0.0);
    int64_t rows = 0;
    for (const auto* w : weights) {
        const int64_t out = int64_t(w->size()) / in;
        for (int64_t o = 0; o < out; ++o) {
            const float* row = w->data() + o * in;
            for (int64_t g0 = 0; g0 < in; g0 += g) {
                const int64_t g1 = std::min(in, g0 + g);
                float mx = 0;
                for (int64_t i = g0; i < g1; ++i) mx = std::max(mx, std::abs(row[i]));
                for (int64_t i = g0; i < g1; ++i) acc[size_t(i)] += std::abs(row[i]) / (double(mx) + 1e-6);
            }
        }
        rows += out;
    }
    std::vector<float> mean(static_cast<size_t>(in));
    for (int64_t i = 0; i < in; ++i) mean[size_t(i)] = float(acc[size_t(i)] / double(std::max<int64_t>(rows, 1)));
    return mean;
}

std::vector<float> scales_for_alpha(const std::vector<float>& x_mean, const std::vector<float>& w_mean, double alpha,
                                    bool duo_scaling) {
    std::vector<float> s(x_mean.size());
    for (size_t i = 0; i < s.size(); ++i) {
        double v = std::pow(double(x_mean[i]), alpha);
        if (duo_scaling) v /= std::pow(double(w_mean[i]), 1.0 - alpha) + 1e-4;
        s[i] = float(std::max(v, 1e-4));
    }
    const auto [mn, mx] = std::minmax_element(s.begin(), s.end());
    const float norm = float(std::sqrt(double(*mx) * double(*mn)));
    for (float& v : s) v /= norm;
    return s;
}

void scale_columns(std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& s) {
    for (int64_t o = 0; o < out; ++o)
        for (int64_t i = 0; i < in; ++i) w[size_t(o * in + i)] *= s[size_t(i)];
}

void divide_rows(std::vector<float>& w, std::vector<float>& bias, int64_t out, int64_t in, const std::vector<float>& s) {
    for (int64_t o = 0; o < out; ++o) {
        for (int64_t i = 0; i < in; ++i) w[size_t(o * in + i)] /= s[size_t(o)];
        if (!bias.empty()) bias[size_t(o)] /= s[size_t(o)];
    }
}

void divide_columns(float* x, int64_t rows, int64_t cols, const std::vector<float>& s) {
#pragma omp parallel for schedule(static) if (rows > 256)
    for (int64_t r = 0; r < rows; ++r)
        for (int64_t c = 0; c < cols; ++c) x[r * cols + c] /= s[size_t(c)];
}

ScaleSearchResult search_scales_on_grid(int64_t in, const std::vector<float>& x_mean, const std::vector<float>& w_mean,
                                        const AwqSettings& settings, const ScaleLoss& loss,
                                        const GridCallback& on_point) {
    if (settings.n_grid < 1) throw InvalidArgument("the scale search needs at least one grid point");
    ScaleSearchResult r;
    double best = INFINITY;
    for (int i = 0; i < settings.n_grid; ++i) {
        const double alpha = double(i) / settings.n_grid;
        const std::vector<float> s = scales_for_alpha(x_mean, w_mean, alpha, settings.duo_scaling);
        double l = NAN;
        try {
            l = loss(s);
        } catch (const InvalidArgument&) {
            l = NAN;  // the scaled weights left the representable range: this candidate is skipped
        }
        if (!std::isfinite(l)) l = NAN;  // skipped, as a non-finite candidate cannot be compared
        r.alphas.push_back(alpha);
        r.losses.push_back(l);
        if (std::isfinite(l) && l < best) {
            best = l;
            r.best_index = i;
            r.scales = s;
        }
        if (on_point && !on_point(i, alpha, l)) throw Cancelled();
    }
    if (settings.identity_candidate && settings.duo_scaling) {
        const std::vector<float> ones(size_t(in), 1.0f);
        try {
            r.identity_loss = loss(ones);
        } catch (const InvalidArgument&) {
            r.identity_loss = NAN;
        }
        if (std::isfinite(r.identity_loss) && r.identity_loss < best) {
            r.identity_chosen = true;
            r.scales = ones;
        }
    }
    if (r.best_index < 0 && !r.identity_chosen) r.scales.assign(size_t(in), 1.0f);
    return r;
}

ScaleSearchResult search_best_scales(const std::vector<const std::vector<float>*>& weights, int64_t in,
                                     const std::vector<float>& x_mean, const AwqSettings& settings,
                                     const BlockLoss& loss, const GridCallback& on_point) {
    if (settings.n_grid < 1) throw InvalidArgument("the scale search needs at least one grid point");
    const std::vector<float> w_mean =
        settings.duo_scaling ? weight_mean_normalised(weights, in, settings.quant.group_size) : std::vector<float>{};
    std::vector<std::vector<float>> candidate(weights.size());
    const auto candidate_loss = [&](const std::vector<float>& s) {
        for (size_t j = 0; j < weights.size(); ++j) {  // fake_quant(W * s) / s
            const int64_t out = int64_t(weights[j]->size()) / in;
            candidate[j] = *weights[j];
            scale_columns(candidate[j], out, in, s);
            fake_quantize(candidate[j].data(), out, in, settings.quant);
            for (int64_t o = 0; o < out; ++o)
                for (int64_t c = 0; c < in; ++c) candidate[j][size_t(o * in + c)] /= s[size_t(c)];
        }
        return loss(candidate);
    };
    return search_scales_on_grid(in, x_mean, w_mean, settings, candidate_loss, on_point);
}

}  // namespace awq
