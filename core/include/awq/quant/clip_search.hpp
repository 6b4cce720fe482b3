// SPDX-License-Identifier: MIT
#pragma once
// AWQ's weight clipping search: per output row and quantization group, shrink the largest |w| by factors
// 1 - i/grid (i < grid * max_shrink) and keep the one whose quantized group minimises the squared error of
// the group's partial output on sampled calibration tokens.
//
// Then the row check (ours; AwqSettings::clip_row_check, by default on below 4 bits; Off gives AutoAWQ's
// search exactly). Scoring each group's partial output alone leaves out the cross terms: a row's output error
// is the square of the *sum* of its groups' partial errors. On the bundled model at 3 bits, for 10-25 %
// of the rows the per-group choices together raise the row's output error on the very tokens they were
// chosen on, and layer 0's output error ended 15 % above no clipping at all. So each row keeps its
// clipping only if the row's whole output error on the sampled tokens is below the unclipped one; else
// all its groups go back to factor 1. Measured (docs/quality.md): every layer's output error on the
// calibration data drops at 3 and at 4 bits; held-out perplexity improves at 3 bits and not at 4.
#include <awq/quant/awq_settings.hpp>

#include <cstdint>
#include <vector>

namespace awq {

struct ClipResult {
    std::vector<float> max_abs;      // [out][groups]: the clamp bound chosen per row and group
    std::vector<float> shrink;       // [out][groups]: the chosen factor (1 = no clipping)
    double error_unclipped = 0;      // mean squared partial-output error with factor 1 (summed over groups)
    double error_clipped = 0;        // the same with the chosen factors (never larger)
    int64_t rows = 0;                // output rows searched
    int64_t rows_reverted = 0;       // rows the row check set back to factor 1 (they had a factor < 1)
    // Set by the weighted range search only (range_search.hpp), whose ranges are [lo, max_abs] with the
    // min shrunk by lo_shrink; its errors are importance-weighted weight errors, not output errors.
    std::vector<float> lo, lo_shrink;
};

// Rows of x [rows, in] to use: every (rows / n)-th row, at most n of them.
std::vector<float> sample_rows(const float* x, int64_t rows, int64_t in, int64_t n);

// w [out, in]; xs [n_tokens, in] the sampled inputs. Throws Cancelled when `keep_going` returns false.
ClipResult search_best_clip(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                            int64_t n_tokens, const AwqSettings& settings,
                            const std::function<bool()>& keep_going = {});
// Reference twin: one row, one group, one factor at a time, in double (the row check too).
ClipResult search_best_clip_ref(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                                int64_t n_tokens, const AwqSettings& settings);

// Clamps every group of w to [-max_abs, max_abs].
void apply_clip(std::vector<float>& w, int64_t out, int64_t in, int64_t group_size, const std::vector<float>& max_abs);

}  // namespace awq
