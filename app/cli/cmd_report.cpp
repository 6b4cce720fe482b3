// SPDX-License-Identifier: MIT
// awq report REPORT.json: a readable summary of a quantization run.
#include "commands.hpp"

#include <awq/model/model_summary.hpp>
#include <awq/quant/report.hpp>

#include <cstdio>

namespace awq::cli {

const CommandSpec& report_spec() {
    static const CommandSpec spec{"report", "REPORT.json", "Summarise a quantization report: chosen scales, "
                                  "clipping and output error per layer.", {"REPORT.json"}, {}};
    return spec;
}

namespace {

// ", weighted ranges" / ", clip" / ", clip with row check" / "" (no range search).
std::string range_text(const AwqSettings& s) {
    if (!s.clip) return "";
    if (s.range_search == RangeSearch::Weighted) return ", weighted ranges";
    return clip_row_check_applies(s) ? ", clip with row check" : ", clip";
}

// What the run added to AWQ as published.
std::string improvements_text(const AwqSettings& s) {
    std::string t;
    if (s.identity_candidate && !s.rtn) t += ", identity candidate";
    if (s.rtn_fallback && !s.rtn) t += ", RTN fallback";
    if (s.error_feedback) t += ", error feedback";
    return t;
}

}  // namespace

int run_report(const Args& args) {
    const Report r = read_report(args.positional(0));
    std::printf("%s of %s  (w%d g%d%s%s%s%s, grid %d)\n", r.method == "rtn" ? "RTN" : "AWQ", r.model.c_str(),
                r.settings.quant.bits, r.settings.quant.group_size, r.settings.quant.zero_point ? ", zero point" : "",
                range_text(r.settings).c_str(), r.settings.duo_scaling ? ", duo scaling" : "",
                improvements_text(r.settings).c_str(), r.settings.n_grid);
    std::printf("calibration: %s, %lld blocks of %lld tokens", r.calibration_source.c_str(),
                (long long)r.calibration_blocks, (long long)r.calibration_block_len);
    const int64_t searched = search_block_count(r.settings, r.calibration_blocks);
    if (searched < r.calibration_blocks)
        std::printf(" (attention and MLP scale search on the first %lld)", (long long)searched);
    std::printf("\n");
    std::printf("time %.1f s, peak memory %s%s%s\n\n", r.seconds, human_bytes(r.peak_rss_bytes).c_str(),
                r.output.empty() ? "" : ", output ", r.output.c_str());
    std::printf("%5s  %6s %6s %6s %6s  %10s  %12s %12s %8s\n", "layer", "a_qkv", "a_o", "a_gu", "a_down", "clip mean",
                "RTN err", "AWQ err", "time s");
    for (const auto& l : r.layers) {
        std::printf("%5d ", l.index);
        for (const auto& g : l.groups) {
            if (!g.quantized) std::printf(" %6s", "fp");  // not quantized: the note below says why
            else if (g.identity_chosen) std::printf(" %6s", "s=1");
            else if (g.skipped || g.best_index < 0) std::printf(" %6s", "-");
            else std::printf(" %6.2f", g.best_alpha);
        }
        for (size_t i = l.groups.size(); i < 4; ++i) std::printf(" %6s", "-");
        double shrink = 0;
        for (const auto& c : l.clips) shrink += c.mean_shrink;
        if (l.clips.empty()) std::printf("  %10s", "-");
        else std::printf("  %10.3f", shrink / double(l.clips.size()));
        std::printf("  %12.4g %12.4g %8.2f%s\n", l.rtn_error, l.awq_error, l.seconds,
                    l.rtn_fallback ? "  RTN kept (search gave a larger error)" : "");
    }
    for (const auto& l : r.layers)
        for (const auto& g : l.groups)
            if (g.skipped && l.index == 0)
                std::printf(g.quantized ? "\nnote: group '%s' skipped: %s\n" : "\nnote: group '%s' %s\n", g.name.c_str(),
                            g.reason.c_str());
    for (const auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
    return 0;
}

}  // namespace awq::cli
