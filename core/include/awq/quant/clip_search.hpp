#pragma once
// AWQ's weight clipping search: per output row and quantization group, shrink the largest |w| by factors
// 1 - i/grid (i < grid * max_shrink) and keep the one whose quantized group minimises the squared error of
// the group's partial output on sampled calibration tokens.
#include <awq/quant/awq_settings.hpp>

#include <cstdint>
#include <vector>

namespace awq {

struct ClipResult {
    std::vector<float> max_abs;      // [out][groups]: the clamp bound chosen per row and group
    std::vector<float> shrink;       // [out][groups]: the chosen factor (1 = no clipping)
    double error_unclipped = 0;      // mean squared partial-output error with factor 1 (summed over groups)
    double error_clipped = 0;        // the same with the chosen factors (never larger)
};

// Rows of x [rows, in] to use: every (rows / n)-th row, at most n of them.
std::vector<float> sample_rows(const float* x, int64_t rows, int64_t in, int64_t n);

// w [out, in]; xs [n_tokens, in] the sampled inputs. Throws Cancelled when `keep_going` returns false.
ClipResult search_best_clip(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                            int64_t n_tokens, const AwqSettings& settings,
                            const std::function<bool()>& keep_going = {});
// Reference twin: one row, one group, one factor at a time, in double.
ClipResult search_best_clip_ref(const std::vector<float>& w, int64_t out, int64_t in, const std::vector<float>& xs,
                                int64_t n_tokens, const AwqSettings& settings);

// Clamps every group of w to [-max_abs, max_abs].
void apply_clip(std::vector<float>& w, int64_t out, int64_t in, int64_t group_size, const std::vector<float>& max_abs);

}  // namespace awq
