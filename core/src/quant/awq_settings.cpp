// SPDX-License-Identifier: MIT
// Names and rules of the AWQ settings: stage names for progress, the clip row check's modes, the scale
// search's block count.
#include <awq/error.hpp>
#include <awq/quant/awq_settings.hpp>

#include <algorithm>

namespace awq {

const char* clip_row_check_name(ClipRowCheck c) {
    switch (c) {
        case ClipRowCheck::Auto: return "auto";
        case ClipRowCheck::On: return "on";
        case ClipRowCheck::Off: return "off";
    }
    return "?";
}

ClipRowCheck parse_clip_row_check(const std::string& text) {
    for (ClipRowCheck c : {ClipRowCheck::Auto, ClipRowCheck::On, ClipRowCheck::Off})
        if (text == clip_row_check_name(c)) return c;
    throw InvalidArgument("clip row check: '" + text + "' is not auto, on or off");
}

const char* range_search_name(RangeSearch r) {
    switch (r) {
        case RangeSearch::Clip: return "clip";
        case RangeSearch::Weighted: return "weighted";
    }
    return "?";
}

RangeSearch parse_range_search(const std::string& text) {
    for (RangeSearch r : {RangeSearch::Clip, RangeSearch::Weighted})
        if (text == range_search_name(r)) return r;
    throw InvalidArgument("range search: '" + text + "' is not clip or weighted");
}

namespace {

AwqSettings as_published(AwqSettings s) {
    s.rtn = false;
    s.error_feedback = false;
    s.range_search = RangeSearch::Clip;
    s.clip_row_check = ClipRowCheck::Off;
    s.identity_candidate = false;
    s.rtn_fallback = false;
    s.sensitivity = false;  // ours, as the rest: AutoAWQ measures none
    s.keep_float_percent = 0;
    return s;
}

}  // namespace

AwqSettings published_awq_settings(const QuantParams& quant) {
    AwqSettings s;
    s.quant = quant;
    s.search_blocks = 0;  // the reference searches on every block
    return as_published(s);
}

const std::vector<std::string>& method_names() {
    static const std::vector<std::string> names = {"rtn",          "gptq", "awq-published", "awq+identity",
                                                   "awq+weighted", "awq+feedback", "awq"};
    return names;
}

AwqSettings settings_for_method(const std::string& method, const AwqSettings& base) {
    AwqSettings s = base;
    if (method == "rtn" || method == "gptq") {  // the baselines: no search, no mixed precision
        s.rtn = true;
        s.error_feedback = method == "gptq";
        s.sensitivity = false;
        s.keep_float_percent = 0;
    } else if (method == "awq+feedback") {
        s = as_published(base);
        s.error_feedback = true;
    } else if (method == "awq-published") {
        s = as_published(base);
    } else if (method == "awq+identity") {
        s = as_published(base);
        s.identity_candidate = s.rtn_fallback = true;
    } else if (method == "awq+weighted") {
        s = as_published(base);
        s.range_search = RangeSearch::Weighted;
    } else if (method != "awq") {
        std::string known;
        for (const auto& n : method_names()) known += (known.empty() ? "" : ", ") + n;
        throw InvalidArgument("method '" + method + "' is not one of " + known);
    }
    return s;
}

int64_t search_block_count(const AwqSettings& s, int64_t calibration_blocks) {
    return s.search_blocks > 0 ? std::min(s.search_blocks, calibration_blocks) : calibration_blocks;
}

bool clip_row_check_applies(const AwqSettings& s) {
    return s.clip_row_check == ClipRowCheck::On || (s.clip_row_check == ClipRowCheck::Auto && s.quant.bits < 4);
}

const char* stage_name(Stage s) {
    switch (s) {
        case Stage::Calibrating: return "calibrating";
        case Stage::Capturing: return "capturing activations";
        case Stage::ScaleSearch: return "scale search";
        case Stage::ClipSearch: return "clip search";
        case Stage::Quantizing: return "quantizing";
        case Stage::Evaluating: return "measuring error";
        case Stage::Exporting: return "exporting";
        case Stage::Done: return "done";
    }
    return "?";
}

}  // namespace awq
