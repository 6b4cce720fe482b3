// SPDX-License-Identifier: MIT
// awq report REPORT.json: a readable summary of a quantization run.
#include "commands.hpp"

#include <awq/model/model_summary.hpp>
#include <awq/quant/mixed_precision.hpp>
#include <awq/quant/report.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <utility>
#include <vector>

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
    if (s.keep_float_percent > 0) t += ", up to " + std::to_string(int(std::lround(s.keep_float_percent))) + " % kept in float";
    return t;
}

// Where the run's time went: each stage's seconds summed over the layers, largest first.
void print_stage_times(const Report& r) {
    std::map<std::string, double> total;
    double all = 0;
    for (const auto& l : r.layers)
        for (const auto& [stage, s] : l.stage_seconds) total[stage] += s, all += s;
    if (total.empty()) return;
    std::vector<std::pair<std::string, double>> sorted(total.begin(), total.end());
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    std::printf("\ntime by stage (all layers):\n");
    for (const auto& [stage, s] : sorted) std::printf("  %-16s %9.1f s %6.1f %%\n", stage.c_str(), s, 100.0 * s / all);
}

// The ten units whose float copy buys most per weight, and the trade-off table.
void print_mixed_precision(const Report& r) {
    const std::vector<FloatUnit> ranking = rank_float_units(r);
    if (ranking.empty()) return;
    std::printf("\nmost sensitive linears (the layer error keeping them in floating point removes, relative to the "
                "layer's output):\n%5s  %-8s %10s %12s %14s\n", "layer", "unit", "weights", "gain", "gain/Mweight");
    for (size_t k = 0; k < ranking.size() && k < 10; ++k) {
        const LayerReport& l = r.layers[size_t(ranking[k].layer)];
        for (const UnitSensitivity& u : l.sensitivity)
            if (u.unit == scale_group_name(ranking[k].unit))
                std::printf("%5d  %-8s %10lld %12.4g %14.4g%s\n", l.index, u.unit.c_str(), (long long)u.weights,
                            unit_gain(l, u), unit_gain(l, u) / double(u.weights) * 1e6,
                            u.kept_float ? "  kept in float" : "");
    }
    if (r.tradeoff.empty()) return;
    std::printf("\ntrade-off (calibration error predicted from the sensitivities; perplexity where measured):\n"
                "%8s %8s %14s %12s %12s\n", "budget %", "kept %", "calib error", "weights", "perplexity");
    for (const TradeoffPoint& t : r.tradeoff)
        std::printf("%8.1f %8.2f %14.5g %12s %12s\n", t.percent, t.kept_weights_percent, t.calibration_error,
                    t.weight_bytes ? human_bytes(t.weight_bytes).c_str() : "-",
                    std::isfinite(t.perplexity) ? std::to_string(t.perplexity).c_str() : "-");
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
    print_stage_times(r);
    print_mixed_precision(r);
    for (const auto& w : r.warnings) std::printf("warning: %s\n", w.c_str());
    return 0;
}

}  // namespace awq::cli
