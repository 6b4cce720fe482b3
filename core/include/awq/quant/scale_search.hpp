// SPDX-License-Identifier: MIT
#pragma once
// AWQ's activation-aware scale search for one group of linears that share an input, and the exact
// application of the chosen scales (divide the previous op, multiply the linears' input columns).
#include <awq/quant/awq_settings.hpp>

#include <cmath>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awq {

// Per-input-channel mean of |x| over all rows of x [rows, cols] (the activation saliency).
std::vector<float> channel_mean_abs(const float* x, int64_t rows, int64_t cols);

// Duo scaling's weight statistic: |w| normalised by its quantization group's max, averaged per input
// channel over the rows of all the group's linears (each W [out_j, in], row-major, stacked).
std::vector<float> weight_mean_normalised(const std::vector<const std::vector<float>*>& weights, int64_t in,
                                          int64_t group_size);

// s = x^alpha / (w^(1-alpha) + 1e-4) (duo) or x^alpha, clamped to >= 1e-4, divided by sqrt(max(s) min(s)).
std::vector<float> scales_for_alpha(const std::vector<float>& x_mean, const std::vector<float>& w_mean,
                                    double alpha, bool duo_scaling);

struct ScaleSearchResult {
    std::vector<double> alphas, losses;  // the full curve (non-finite losses recorded as NaN)
    int best_index = -1;                 // the best grid point; -1 when none was finite (scales stay 1)
    double identity_loss = NAN;          // the loss of s = 1 when tried (identity_candidate with duo scaling)
    bool identity_chosen = false;        // s = 1 beat every grid point (scales are all ones)
    std::vector<float> scales;           // the chosen s (all ones if none finite)
    double best_alpha() const { return best_index >= 0 ? alphas[size_t(best_index)] : 0.0; }
    double best_loss() const { return best_index >= 0 ? losses[size_t(best_index)] : NAN; }
};

// Evaluates the block for candidate scales: given the group's weights already replaced by
// fake_quant(W * s) / s, returns the block output's mean squared error against the full-precision output.
using BlockLoss = std::function<double(const std::vector<std::vector<float>>& candidate_weights)>;
// Called after each grid point with (i, alpha, loss); false cancels.
using GridCallback = std::function<bool(int i, double alpha, double loss)>;

// The loss of candidate scales s (the caller fake-quantizes fake_quant(W * s) / s wherever it keeps W).
// Throwing InvalidArgument marks the candidate as skipped (weights beyond the representable range).
using ScaleLoss = std::function<double(const std::vector<float>& scales)>;

// The grid itself: alpha = i / n_grid, s = scales_for_alpha(x_mean, w_mean, alpha), loss(s); the
// smallest finite loss wins. w_mean is ignored without duo scaling. With duo scaling the grid never holds
// s = 1 (alpha = 0 gives 1 / w_mean), so settings.identity_candidate adds it after the grid: a group whose
// every scaled candidate quantizes worse than no scaling stays unscaled (without duo scaling alpha = 0 is
// s = 1 already). Throws Cancelled if the callback says so.
ScaleSearchResult search_scales_on_grid(int64_t in, const std::vector<float>& x_mean, const std::vector<float>& w_mean,
                                        const AwqSettings& settings, const ScaleLoss& loss,
                                        const GridCallback& on_point = {});

// weights: the group's linears W_j [out_j, in] (float32, row-major). Throws Cancelled if the callback says so.
// search_scales_on_grid with the candidates built here on the CPU.
ScaleSearchResult search_best_scales(const std::vector<const std::vector<float>*>& weights, int64_t in,
                                     const std::vector<float>& x_mean, const AwqSettings& settings,
                                     const BlockLoss& loss, const GridCallback& on_point = {});

// W [out, in] *= s per input column.
void scale_columns(std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& s);
// W [out, in] /= s per output row (and bias /= s): the previous linear when it feeds the group.
void divide_rows(std::vector<float>& w, std::vector<float>& bias, int64_t out, int64_t in, const std::vector<float>& s);
// x [rows, cols] /= s per column (captured inputs follow the applied scales).
void divide_columns(float* x, int64_t rows, int64_t cols, const std::vector<float>& s);

}  // namespace awq
