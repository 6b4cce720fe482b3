// SPDX-License-Identifier: MIT
#pragma once
// The record of an AWQ run: settings, per-layer saliency, scale-search loss curves, chosen alphas,
// clip statistics, layer output errors and timings. Written as versioned JSON; read by `awq report` and
// the GUI's Inspect page.
#include <awq/quant/awq_settings.hpp>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace awq {

inline constexpr int kReportVersion = 1;

struct GroupReport {
    std::string name;                  // "qkv", "o", "gate_up", "down"
    std::string prev_op;               // "input_layernorm", "v_proj", "post_attention_layernorm", "up_proj"
    std::vector<std::string> linears;  // the linears scaled together
    bool skipped = false;              // no scale search (the reason says why)
    std::string reason;                // why skipped (e.g. GQA for v -> o, or not quantized)
    bool quantized = true;             // false: the linears stay in floating point (their input width is
                                       // not a multiple of the group size); reason "not quantized (576 not
                                       // a multiple of 128)"
    std::vector<double> alphas, losses;
    int best_index = -1;               // the best grid point (-1: none finite)
    double best_alpha = 0, best_loss = 0;
    double identity_loss = NAN;        // the loss of s = 1 (NaN: not tried, AwqSettings::identity_candidate)
    bool identity_chosen = false;      // s = 1 beat every grid point: the group was left unscaled
};

struct ClipReport {
    std::string linear;
    double mean_shrink = 1, min_shrink = 1;
    double clipped_fraction = 0;       // share of (row, group) pairs with a factor < 1
    double error_unclipped = 0, error_clipped = 0;
    double rows_reverted = 0;          // share of rows whose clipping the row check undid
    std::string method = "clip";       // range_search_name: "clip" (errors: partial-output MSE) or
                                       // "weighted" (errors: importance-weighted weight error; min shrunk too)
    double mean_lo_shrink = 1;         // weighted: the mean factor of the group minima
};

// One unit of mixed precision (mixed_precision.hpp): the linears a server fuses and keeps at one precision.
struct UnitSensitivity {
    std::string unit;                  // "qkv", "o", "gate_up", "down" (the scale group's name)
    std::vector<std::string> linears;  // "self_attn.q_proj", ...
    int64_t weights = 0;               // their weight count
    double error_in_float = NAN;       // the layer output MSE with this unit in floating point, the rest as
                                       // quantized (LayerReport::sensitivity_error minus it is what keeping
                                       // the unit buys)
    bool kept_float = false;           // kept unquantized by AwqSettings::keep_float_percent
};

struct LayerReport {
    int index = 0;
    // Activation saliency: per-input-channel mean |x| of each linear input ("qkv", "o", "gate_up", "down").
    std::map<std::string, std::vector<float>> saliency;
    std::vector<GroupReport> groups;
    std::vector<ClipReport> clips;
    std::vector<std::string> fp16_linears;  // left unquantized (input width not a multiple of the group size)
    double rtn_error = 0;   // layer output MSE vs full precision with round-to-nearest weights
    double awq_error = 0;   // the same with this run's weights
    bool rtn_fallback = false;     // the search's weights gave a larger error than RTN's, which the layer kept
    double searched_error = NAN;   // (rtn_fallback) the error the search's weights gave
    double output_power = 0; // mean square of the full-precision output (to make errors relative)
    // Where the layer's time went, seconds by stage: "capture", "search qkv" / "search o" / "search gate_up" /
    // "search down", "clip", "quantize", "measure", "sensitivity" (a profile in every report).
    std::map<std::string, double> stage_seconds;
    std::vector<UnitSensitivity> sensitivity;  // per quantized unit (empty: not measured)
    double sensitivity_error = NAN;  // the layer output MSE with every unit quantized, on the sequences the
                                     // sensitivities were measured on (the search's)
    double seconds = 0;
    uint64_t peak_rss_bytes = 0;
};

// A point of the size-vs-quality trade-off of keeping the most sensitive units in floating point: the
// calibration error predicted from the sensitivities (quantize_model fills a few), the perplexity where
// measured (`awq compare --sweep`).
struct TradeoffPoint {
    double percent = 0;                // share of the quantizable linear weights kept in floating point
    double kept_weights_percent = 0;   // the share the budget actually bought (units are whole)
    double calibration_error = 0;      // sum over layers of (layer output MSE / output power)
    uint64_t weight_bytes = 0;         // the model's weights (measured; 0: not measured)
    double perplexity = NAN;           // on held-out text (measured; NaN: not measured)
};

struct Report {
    int version = kReportVersion;
    std::string tool = "awq-studio";
    std::string model;                 // source folder
    std::string method;                // "awq" or "rtn"
    AwqSettings settings;
    std::string calibration_source;
    int64_t calibration_blocks = 0, calibration_block_len = 0, calibration_tokens = 0;
    std::vector<LayerReport> layers;
    std::vector<std::string> warnings;
    std::vector<std::string> modules_to_not_convert;
    std::vector<TradeoffPoint> tradeoff;  // by percent
    double seconds = 0;
    uint64_t peak_rss_bytes = 0;
    std::string output;                // exported folder, if any
};

std::string report_to_json(const Report& r);
Report report_from_json(const std::string& json, const std::string& source_name);
void write_report(const Report& r, const std::filesystem::path& path);  // atomic
Report read_report(const std::filesystem::path& path);  // FormatError for malformed / newer versions

// One layer's entry on its own (the resumable work folder stores finished layers this way).
std::string layer_report_to_json(const LayerReport& l);
LayerReport layer_report_from_json(const std::string& json, const std::string& source_name);
std::string settings_to_json(const AwqSettings& s);

// Marks the groups whose linears were all left in floating point (named in fp16_linears): quantized =
// false, skipped, reason "not quantized (576 not a multiple of 128)" (the width is the group's saliency
// length). Idempotent. Reports and work-folder layers written before `quantized` existed (which showed
// such groups as searched with alpha 0) are upgraded by it when read.
void mark_unquantized_groups(LayerReport& l, int group_size);

uint64_t current_peak_rss_bytes();  // VmHWM of this process

}  // namespace awq
