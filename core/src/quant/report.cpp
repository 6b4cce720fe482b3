// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/quant/group_fit.hpp>
#include <awq/quant/report.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace awq {

using nlohmann::json;

uint64_t current_peak_rss_bytes() {
    std::ifstream in("/proc/self/status");
    std::string key;
    while (in >> key) {
        if (key == "VmHWM:") {
            uint64_t kb = 0;
            in >> kb;
            return kb * 1024;
        }
        in.ignore(1 << 16, '\n');
    }
    return 0;
}

void mark_unquantized_groups(LayerReport& l, int group_size) {
    for (GroupReport& g : l.groups) {
        bool all_fp = !g.linears.empty();
        for (const std::string& name : g.linears)
            all_fp = all_fp && std::find(l.fp16_linears.begin(), l.fp16_linears.end(), name) != l.fp16_linears.end();
        if (!all_fp) continue;
        const auto sal = l.saliency.find(g.name);
        const int64_t in = sal != l.saliency.end() ? int64_t(sal->second.size()) : 0;
        g.quantized = false;
        g.skipped = true;
        g.reason = "not quantized (" + not_quantized_reason(in, group_size) + ")";
        g.best_index = -1;
    }
}

namespace {

// JSON has no NaN: non-finite numbers are written as null and read back as NaN.
json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json number_list(const std::vector<double>& v) {
    json a = json::array();
    for (double x : v) a.push_back(finite_or_null(x));
    return a;
}

// An optional number: missing or null (a non-finite value written by finite_or_null) reads as NaN.
double number_or_nan(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

std::vector<double> read_numbers(const json& a) {
    std::vector<double> v;
    for (const auto& x : a) v.push_back(x.is_number() ? x.get<double>() : NAN);
    return v;
}

json settings_json(const AwqSettings& s) {
    return {{"bits", s.quant.bits},       {"group_size", s.quant.group_size}, {"zero_point", s.quant.zero_point},
            {"n_grid", s.n_grid},         {"search_blocks", s.search_blocks}, {"duo_scaling", s.duo_scaling},
            {"clip", s.clip},
            {"clip_tokens", s.clip_tokens}, {"clip_grid", s.clip_grid},       {"clip_max_shrink", s.clip_max_shrink},
            {"clip_row_check", clip_row_check_name(s.clip_row_check)}, {"rtn", s.rtn},
            {"range_search", range_search_name(s.range_search)}, {"identity_candidate", s.identity_candidate},
            {"rtn_fallback", s.rtn_fallback}, {"error_feedback", s.error_feedback},
            {"feedback_damp", s.feedback_damp}, {"sensitivity", s.sensitivity},
            {"keep_float_percent", s.keep_float_percent}};
}

AwqSettings settings_from(const json& j) {
    AwqSettings s;
    s.quant.bits = j.at("bits").get<int>();
    s.quant.group_size = j.at("group_size").get<int>();
    s.quant.zero_point = j.at("zero_point").get<bool>();
    s.n_grid = j.at("n_grid").get<int>();
    s.search_blocks = j.value("search_blocks", int64_t(0));  // older reports searched on every block
    s.duo_scaling = j.at("duo_scaling").get<bool>();
    s.clip = j.at("clip").get<bool>();
    s.clip_tokens = j.value("clip_tokens", int64_t(512));
    s.clip_grid = j.value("clip_grid", 20);
    s.clip_max_shrink = j.value("clip_max_shrink", 0.5);
    // Reports from before the row check ran AutoAWQ's search.
    s.clip_row_check = parse_clip_row_check(j.value("clip_row_check", std::string("off")));
    s.rtn = j.value("rtn", false);
    // Reports from before these settings ran AWQ's clip search, without the identity candidate or fallback.
    s.range_search = parse_range_search(j.value("range_search", std::string("clip")));
    s.identity_candidate = j.value("identity_candidate", false);
    s.rtn_fallback = j.value("rtn_fallback", false);
    s.error_feedback = j.value("error_feedback", false);
    s.feedback_damp = j.value("feedback_damp", 0.01);
    s.sensitivity = j.value("sensitivity", false);
    s.keep_float_percent = j.value("keep_float_percent", 0.0);
    return s;
}

json tradeoff_json(const std::vector<TradeoffPoint>& points) {
    json a = json::array();
    for (const auto& p : points)
        a.push_back({{"percent", p.percent}, {"kept_weights_percent", p.kept_weights_percent},
                     {"calibration_error", p.calibration_error}, {"weight_bytes", p.weight_bytes},
                     {"perplexity", finite_or_null(p.perplexity)}});
    return a;
}

std::vector<TradeoffPoint> tradeoff_from(const json& a) {
    std::vector<TradeoffPoint> points;
    for (const auto& j : a) {
        TradeoffPoint p;
        p.percent = j.at("percent").get<double>();
        p.kept_weights_percent = j.value("kept_weights_percent", p.percent);
        p.calibration_error = j.at("calibration_error").get<double>();
        p.weight_bytes = j.value("weight_bytes", uint64_t(0));
        p.perplexity = number_or_nan(j, "perplexity");
        points.push_back(p);
    }
    return points;
}

json layer_json(const LayerReport& l) {
    json groups = json::array();
    for (const auto& g : l.groups)
        groups.push_back({{"name", g.name}, {"prev_op", g.prev_op}, {"linears", g.linears}, {"skipped", g.skipped},
                          {"reason", g.reason}, {"quantized", g.quantized}, {"alphas", number_list(g.alphas)}, {"losses", number_list(g.losses)},
                          {"best_index", g.best_index}, {"best_alpha", g.best_alpha},
                          {"best_loss", finite_or_null(g.best_loss)},
                          {"identity_loss", finite_or_null(g.identity_loss)},
                          {"identity_chosen", g.identity_chosen}});
    json clips = json::array();
    for (const auto& c : l.clips)
        clips.push_back({{"linear", c.linear}, {"mean_shrink", c.mean_shrink}, {"min_shrink", c.min_shrink},
                         {"clipped_fraction", c.clipped_fraction}, {"error_unclipped", c.error_unclipped},
                         {"error_clipped", c.error_clipped}, {"rows_reverted", c.rows_reverted},
                         {"method", c.method}, {"mean_lo_shrink", c.mean_lo_shrink}});
    json sensitivity = json::array();
    for (const auto& u : l.sensitivity)
        sensitivity.push_back({{"unit", u.unit}, {"linears", u.linears}, {"weights", u.weights},
                               {"error_in_float", finite_or_null(u.error_in_float)},
                               {"kept_float", u.kept_float}});
    return {{"index", l.index},         {"saliency", l.saliency},   {"groups", groups},
            {"sensitivity", sensitivity}, {"stage_seconds", l.stage_seconds},
            {"sensitivity_error", finite_or_null(l.sensitivity_error)},
            {"clips", clips},           {"fp16_linears", l.fp16_linears}, {"rtn_error", l.rtn_error},
            {"awq_error", l.awq_error}, {"output_power", l.output_power}, {"seconds", l.seconds},
            {"peak_rss_bytes", l.peak_rss_bytes}, {"rtn_fallback", l.rtn_fallback},
            {"searched_error", finite_or_null(l.searched_error)}};
}

LayerReport layer_from(const json& j) {
    LayerReport l;
    l.index = j.at("index").get<int>();
    l.saliency = j.at("saliency").get<std::map<std::string, std::vector<float>>>();
    for (const auto& g : j.at("groups")) {
        GroupReport r;
        r.name = g.at("name").get<std::string>();
        r.prev_op = g.at("prev_op").get<std::string>();
        r.linears = g.at("linears").get<std::vector<std::string>>();
        r.skipped = g.at("skipped").get<bool>();
        r.reason = g.value("reason", "");
        r.quantized = g.value("quantized", true);  // older reports: derived in mark_unquantized_groups
        r.alphas = read_numbers(g.at("alphas"));
        r.losses = read_numbers(g.at("losses"));
        if (r.alphas.size() != r.losses.size()) throw json::other_error::create(501, "alphas and losses differ in length", nullptr);
        r.best_index = g.at("best_index").get<int>();
        r.best_alpha = g.at("best_alpha").get<double>();
        r.best_loss = g.at("best_loss").is_number() ? g.at("best_loss").get<double>() : NAN;
        r.identity_loss = number_or_nan(g, "identity_loss");
        r.identity_chosen = g.value("identity_chosen", false);
        l.groups.push_back(std::move(r));
    }
    for (const auto& c : j.at("clips")) {
        ClipReport r{c.at("linear").get<std::string>(), c.at("mean_shrink").get<double>(),
                     c.at("min_shrink").get<double>(), c.at("clipped_fraction").get<double>(),
                     c.at("error_unclipped").get<double>(), c.at("error_clipped").get<double>(),
                     c.value("rows_reverted", 0.0)};
        r.method = c.value("method", std::string("clip"));
        if (r.method != "clip" && r.method != "weighted")
            throw json::other_error::create(501, "clip method '" + r.method + "' is not clip or weighted", nullptr);
        r.mean_lo_shrink = c.value("mean_lo_shrink", 1.0);
        l.clips.push_back(std::move(r));
    }
    l.fp16_linears = j.value("fp16_linears", std::vector<std::string>{});
    l.rtn_error = j.at("rtn_error").get<double>();
    l.awq_error = j.at("awq_error").get<double>();
    l.output_power = j.value("output_power", 0.0);
    l.seconds = j.value("seconds", 0.0);
    l.peak_rss_bytes = j.value("peak_rss_bytes", uint64_t(0));
    l.rtn_fallback = j.value("rtn_fallback", false);
    l.searched_error = number_or_nan(j, "searched_error");
    l.stage_seconds = j.value("stage_seconds", std::map<std::string, double>{});  // older reports have none
    l.sensitivity_error = number_or_nan(j, "sensitivity_error");
    if (j.contains("sensitivity"))  // older reports have none
        for (const auto& u : j.at("sensitivity")) {
            UnitSensitivity s;
            s.unit = u.at("unit").get<std::string>();
            s.linears = u.at("linears").get<std::vector<std::string>>();
            s.weights = u.at("weights").get<int64_t>();
            s.error_in_float = u.at("error_in_float").is_number() ? u.at("error_in_float").get<double>() : NAN;
            s.kept_float = u.value("kept_float", false);
            l.sensitivity.push_back(std::move(s));
        }
    return l;
}

}  // namespace

std::string layer_report_to_json(const LayerReport& l) { return layer_json(l).dump(); }

LayerReport layer_report_from_json(const std::string& text, const std::string& source) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw FormatError(source + ": not a JSON object");
    try {
        return layer_from(j);
    } catch (const json::exception& e) {
        throw FormatError(source + ": malformed layer report: " + e.what());
    }
}

std::string settings_to_json(const AwqSettings& s) { return settings_json(s).dump(); }

std::string report_to_json(const Report& r) {
    json layers = json::array();
    for (const auto& l : r.layers) layers.push_back(layer_json(l));
    const json j = {{"format", "awq-studio-report"},
                    {"version", r.version},
                    {"tool", r.tool},
                    {"model", r.model},
                    {"method", r.method},
                    {"settings", settings_json(r.settings)},
                    {"calibration",
                     {{"source", r.calibration_source}, {"blocks", r.calibration_blocks},
                      {"block_len", r.calibration_block_len}, {"tokens", r.calibration_tokens}}},
                    {"layers", layers},
                    {"warnings", r.warnings},
                    {"modules_to_not_convert", r.modules_to_not_convert},
                    {"tradeoff", tradeoff_json(r.tradeoff)},
                    {"seconds", r.seconds},
                    {"peak_rss_bytes", r.peak_rss_bytes},
                    {"output", r.output}};
    return j.dump(1);
}

Report report_from_json(const std::string& text, const std::string& source) {
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) throw FormatError(source + ": not a JSON object");
    // Checked by type first: json::value() throws its own exception for a key of another type.
    const auto format = j.find("format");
    if (format == j.end() || !format->is_string() || *format != "awq-studio-report")
        throw FormatError(source + ": not an AWQ Studio report");
    const auto ver = j.find("version");
    const int64_t version = ver != j.end() && ver->is_number_integer() ? ver->get<int64_t>() : 0;
    if (version > kReportVersion)
        throw FormatError(source + ": report version " + std::to_string(version) +
                          " was written by a newer AWQ Studio (this one reads up to version " +
                          std::to_string(kReportVersion) + ")");
    if (version < 1) throw FormatError(source + ": missing or invalid report version");
    try {
        Report r;
        r.version = int(version);
        r.tool = j.value("tool", "");
        r.model = j.at("model").get<std::string>();
        r.method = j.at("method").get<std::string>();
        r.settings = settings_from(j.at("settings"));
        const json& c = j.at("calibration");
        r.calibration_source = c.at("source").get<std::string>();
        r.calibration_blocks = c.at("blocks").get<int64_t>();
        r.calibration_block_len = c.at("block_len").get<int64_t>();
        r.calibration_tokens = c.at("tokens").get<int64_t>();
        for (const auto& l : j.at("layers")) {
            r.layers.push_back(layer_from(l));
            mark_unquantized_groups(r.layers.back(), r.settings.quant.group_size);
        }
        r.warnings = j.value("warnings", std::vector<std::string>{});
        r.modules_to_not_convert = j.value("modules_to_not_convert", std::vector<std::string>{});
        if (j.contains("tradeoff")) r.tradeoff = tradeoff_from(j.at("tradeoff"));  // older reports have none
        r.seconds = j.value("seconds", 0.0);
        r.peak_rss_bytes = j.value("peak_rss_bytes", uint64_t(0));
        r.output = j.value("output", "");
        return r;
    } catch (const json::exception& e) {
        throw FormatError(source + ": malformed report: " + e.what());
    }
}

void write_report(const Report& r, const std::filesystem::path& path) { write_file_atomic(path, report_to_json(r)); }

Report read_report(const std::filesystem::path& path) {
    return report_from_json(read_text_file(path), path.string());
}

}  // namespace awq
