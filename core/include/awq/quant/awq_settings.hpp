// SPDX-License-Identifier: MIT
#pragma once
// Settings and progress of an AWQ run (Lin et al., MLSys 2024, with AutoAWQ's defaults).
#include <awq/int4/quantizer.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace awq {

// The clip search's row check (clip_search.hpp). Auto: on below 4 bits, where the per-group search clips
// hard and the row check lowered the held-out perplexity on every calibration sample measured; at 4 bits
// AutoAWQ's search did better there (docs/quality.md).
enum class ClipRowCheck { Auto, On, Off };
const char* clip_row_check_name(ClipRowCheck c);                       // "auto", "on", "off"
ClipRowCheck parse_clip_row_check(const std::string& text);            // throws InvalidArgument

// How each quantization group's range is chosen once the scales are applied (the step AWQ calls "clip").
//   Clip:     AWQ's search (AutoAWQ): the group's max |w| shrunk symmetrically, each factor scored by the
//             squared error of the group's partial output on sampled calibration tokens (clip_search.hpp).
//   Weighted: ours, the importance-weighted rounding of llama.cpp's imatrix: the group's min and max shrunk
//             independently, each pair scored by sum_i E[x_i^2] (w_i - q(w_i))^2 over every calibration
//             token (range_search.hpp); it also moves the zero point, which a symmetric shrink cannot.
enum class RangeSearch { Clip, Weighted };
const char* range_search_name(RangeSearch r);                          // "clip", "weighted"
RangeSearch parse_range_search(const std::string& text);               // throws InvalidArgument

struct AwqSettings {
    QuantParams quant;             // bits, group size (128), zero point (on)
    int n_grid = 20;               // alpha = i / n_grid, i = 0 .. n_grid-1
    int64_t search_blocks = 8;     // the attention and MLP scale-search losses run on the first N calibration
                                   // blocks (0: all, as the reference and published_awq_settings; see
                                   // search_block_count). 8 since 2026-12-07: the real model's default run on
                                   // two cores takes a third of the time, at the same quality (docs/quality.md)
    bool duo_scaling = true;       // s = x^a / w^(1-a)
    bool clip = true;              // clip search for every linear except q and k
    int64_t clip_tokens = 512;     // tokens sampled for the clip search
    int clip_grid = 20;            // shrink factors 1 - i/clip_grid ...
    double clip_max_shrink = 0.5;  // ... for i < clip_grid * clip_max_shrink
    ClipRowCheck clip_row_check = ClipRowCheck::Auto;  // a row keeps its clipping only if that lowers
                                   // the row's output error (ours; Off: AutoAWQ's search exactly)
    RangeSearch range_search = RangeSearch::Clip;  // which range search runs when `clip` is on (AWQ's clip
                                   // did better than Weighted on SmolLM2 at w4, with and without error
                                   // feedback: docs/quality.md)
    bool identity_candidate = true; // the scale search also tries s = 1 (no scaling), which duo scaling's
                                   // grid never contains (ours; AWQ as published: off)
    bool rtn_fallback = true;      // a layer whose output error on the calibration data ends above plain
                                   // round-to-nearest's keeps the round-to-nearest weights (ours)
    bool error_feedback = true;    // GPTQ's column-wise error feedback when the weights are finally rounded
                                   // (error_feedback.hpp), on the scaled inputs, with the range search's
                                   // factors (ours, "AWQ + GPTQ"; CPU only: a GPU run rounds without it
                                   // and its report says so)
    double feedback_damp = 0.01;   // its dampening of X^T X (relative to the mean diagonal)
    bool sensitivity = true;       // measure each unit's sensitivity (mixed_precision.hpp): the layer's error
                                   // with the unit kept in float, on the first search_block_count blocks
    double keep_float_percent = 0; // keep the most sensitive units, up to this share (%) of the quantizable
                                   // linear weights, in floating point (modules_to_not_convert; needs
                                   // sensitivity)
    bool rtn = false;              // no scale or range search; with error_feedback off (as every caller that
                                   // wants the round-to-nearest baseline sets it) plain RTN, with it on GPTQ
    int threads = 0;               // 0 = all cores
};

// AWQ as the paper and AutoAWQ run it, on `quant`: AutoAWQ's clip search without the row check, no identity
// candidate, no fallback. `awq compare` measures the improvements against it.
AwqSettings published_awq_settings(const QuantParams& quant);

// The methods `awq compare --methods` measures, each derived from `base` (bits, group, grid, tokens and
// threads kept; the baselines measure no sensitivity and keep nothing in float): "rtn" (round to nearest),
// "gptq" (RTN's ranges rounded with error feedback), "awq-published" (published_awq_settings), "awq+identity" (that
// plus the identity candidate and the RTN fallback), "awq+weighted" (published with the weighted range
// search instead of AWQ's clip), "awq+feedback" (published with error feedback) and "awq" (base itself: the
// defaults, every improvement on).
const std::vector<std::string>& method_names();
AwqSettings settings_for_method(const std::string& method, const AwqSettings& base);  // throws InvalidArgument

// Whether the clip search runs its row check with these settings (Auto resolved by the bit width).
bool clip_row_check_applies(const AwqSettings& s);

// How many of `calibration_blocks` the attention and MLP scale-search losses run on. The blocks are
// whole documents shuffled with a fixed seed, so the first N are a sample of the set. The saliency, the
// one-linear groups' losses (their Gram matrix costs the same for any count) and the clip search still use
// every block. Ours: the search costs in proportion to its tokens, and fewer blocks buy speed.
int64_t search_block_count(const AwqSettings& s, int64_t calibration_blocks);

enum class Stage { Calibrating, Capturing, ScaleSearch, ClipSearch, Quantizing, Evaluating, Exporting, Done };
const char* stage_name(Stage s);

// What a progress callback sees. `fraction` is the whole run's progress in [0, 1].
struct Progress {
    Stage stage = Stage::Calibrating;
    int layer = 0, n_layers = 0;
    std::string group;             // "qkv", "o", "gate_up", "down" during the scale search
    int grid_point = 0, n_grid = 0;
    double alpha = 0, loss = 0;    // the point just evaluated (ScaleSearch)
    int64_t tokens = 0;            // calibration tokens processed by the current stage
    double fraction = 0;
    std::string message;
};

// Return false to cancel: the engine stops at the next check (within one grid point) and throws Cancelled.
using ProgressCallback = std::function<bool(const Progress&)>;

}  // namespace awq
