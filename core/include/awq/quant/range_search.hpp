// SPDX-License-Identifier: MIT
#pragma once
// Activation-weighted range search (AwqSettings::range_search = Weighted): for every output row and
// quantization group, the clamp range [lo, hi] whose quantization minimises the importance-weighted error
//
//     E(lo, hi) = sum_i d_i (w_i - q_lo,hi(w_i))^2,    d_i = E[x_i^2] over the calibration tokens,
//
// where q_lo,hi clamps the group to [lo, hi] and quantizes it with the group's usual formula (the range
// becomes the group's min and max, so its scale and zero point follow). d is the diagonal of X^T X: the
// expected squared output error of the row, cross terms between inputs left out. This is the weighting
// llama.cpp's importance matrix uses for its MSE rounding, which on Llama-3.1-8B at w4 g128 beats AWQ's
// clip search (llm-compressor's guide). Unlike AWQ's clip (clip_search.hpp), min and max shrink
// independently (lo = min * a, hi = max * b over the clip grid's factors), so the zero point moves too;
// symmetric quantization (no zero point) has one factor, the max |w|'s. Factor 1 (no clipping) is always a
// candidate, so the chosen range never has a larger weighted error than none.
#include <awq/quant/awq_settings.hpp>
#include <awq/quant/clip_search.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace awq {

struct RangeResult {
    std::vector<float> lo, hi;                // [out][groups]: the clamp bounds chosen
    std::vector<float> lo_factor, hi_factor;  // [out][groups]: the chosen factors (1 = not narrowed)
    double error_full = 0;                    // sum of E over all groups with the full range, per row
    double error_chosen = 0;                  // the same with the chosen ranges (never larger)
    int64_t rows = 0;
};

// Per-input-channel mean of x^2 over the rows of x [rows, cols] (the d above).
std::vector<float> channel_mean_square(const float* x, int64_t rows, int64_t cols);

// w [out, in] row-major; importance [in]. The factors are 1 - k / settings.clip_grid for
// k < clip_grid * clip_max_shrink (as the clip search's). OpenMP over rows; Cancelled via keep_going.
RangeResult search_weighted_range(const std::vector<float>& w, int64_t out, int64_t in,
                                  const std::vector<float>& importance, const AwqSettings& settings,
                                  const std::function<bool()>& keep_going = {});
// Reference twin: clamps a copy of each group for each candidate, fake_quantize_ref, the error in double.
RangeResult search_weighted_range_ref(const std::vector<float>& w, int64_t out, int64_t in,
                                      const std::vector<float>& importance, const AwqSettings& settings);

// The result in the clip search's terms (max_abs = hi, shrink = hi_factor, lo, lo_shrink; the errors).
ClipResult as_clip_result(RangeResult r);

// Clamps every group of w to its [lo, hi].
void apply_range(std::vector<float>& w, int64_t out, int64_t in, int64_t group_size, const std::vector<float>& lo,
                 const std::vector<float>& hi);

}  // namespace awq
