// SPDX-License-Identifier: MIT
// awq compare MODEL_DIR --text FILE: the original vs each quantization method's perplexity, weight memory,
// decode speed and quantization time (--methods; default RTN and AWQ).
#include "commands.hpp"
#include "compare_kl.hpp"
#include "compare_sweep.hpp"
#include "device_option.hpp"
#include "progress_bar.hpp"
#include "quant_options.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/perplexity.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>

namespace awq::cli {

const CommandSpec& compare_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{"compare", "MODEL_DIR --text FILE [options]",
                      "Quantize with each method in memory (default: RTN and AWQ) and compare perplexity, weight "
                      "memory and decode speed with the original.",
                      {"MODEL_DIR"},
                      {{"--text", "FILE", "evaluation text (UTF-8)"},
                       {"--ctx", "N", "perplexity window (default 512, at most the model's context)"},
                       {"--max-windows", "N", "score at most N windows (default: all)"},
                       {"--decode-tokens", "N", "tokens generated to measure decode speed (default 64)"},
                       {"--methods", "LIST", "comma-separated, in order: rtn, gptq, awq-published, awq+identity, "
                                             "awq+weighted, awq+feedback, awq (default: rtn,awq; awq is the "
                                             "settings given)"},
                       {"--sweep", "LIST", "also measure the AWQ result with the most sensitive linears kept in "
                                           "floating point, at each budget (e.g. 1,2,5,10: % of the quantizable "
                                           "weights): the size-vs-perplexity trade-off"},
                       {"--report", "FILE", "write the AWQ run's report (with the sweep's measured trade-off, which "
                                            "the GUI's Inspect step plots) here"},
                       {"--kl", "", "also each quantized model's mean KL divergence and top-1 agreement with the "
                                    "original, over the same windows (runs the original again for each)"},
                       {"--json", "", "print the table as JSON"}}};
        for (auto v : {calibration_option_specs(), awq_option_specs()}) s.options.insert(s.options.end(), v.begin(), v.end());
        s.options.push_back(device_option_spec());  // where the two quantizations run (the evaluation: CPU)
        return s;
    }();
    return spec;
}

namespace {

struct Row {
    std::string name;
    double ppl = 0;
    uint64_t weight_bytes = 0;
    double decode_tps = 0;
    double quantize_seconds = 0;
    std::string kernels;
    double closure = NAN;     // (PPL_RTN - PPL) / (PPL_RTN - PPL_FP), when RTN was measured
    int fallback_layers = 0;  // layers that kept RTN's weights (AwqSettings::rtn_fallback)
    KlColumns kl;             // --kl
};

double decode_speed(const std::shared_ptr<const Model>& m, int tokens) {
    InferenceSession session(m, std::min<int64_t>(m->config().max_position_embeddings, 1024));
    GenerationOptions o;
    o.max_new_tokens = tokens;
    o.stop_at_eos = false;
    return generate(session, m->tokenizer().encode("The", true), o).decode_tokens_per_second();
}

Row evaluate(const std::string& name, const std::shared_ptr<const Model>& m, const std::vector<int32_t>& ids,
             int64_t ctx, int64_t windows, int decode_tokens) {
    Row r;
    r.name = name;
    r.ppl = perplexity(m, ids, ctx, windows).perplexity;
    r.weight_bytes = m->weights().bytes();
    r.decode_tps = decode_speed(m, decode_tokens);
    r.kernels = m->weights().layers.front().q_proj->kind();
    return r;
}

std::vector<std::string> methods_from(const Args& args) {
    std::vector<std::string> methods;
    std::stringstream list(args.str("--methods", "rtn,awq"));
    for (std::string m; std::getline(list, m, ',');) {
        if (m.empty()) continue;
        const auto& known = method_names();
        if (std::find(known.begin(), known.end(), m) == known.end())
            throw UsageError("--methods: '" + m + "' is not one of rtn, gptq, awq-published, awq+identity, "
                             "awq+weighted, awq+feedback, awq");
        methods.push_back(m);
    }
    if (methods.empty()) throw UsageError("--methods: no method given");
    return methods;
}

std::string row_name(const std::string& method) { return method == "rtn" ? "RTN" : method == "awq" ? "AWQ" : method; }

}  // namespace

int run_compare(const Args& args) {
    const auto model = Model::load(args.positional(0));
    const std::string text = read_text_file(args.required("--text"));
    const int64_t ctx = args.integer("--ctx", std::min<int64_t>(512, model->config().max_position_embeddings), 2,
                                     model->config().max_position_embeddings);
    const int64_t windows = args.integer("--max-windows", 0, 0, INT64_MAX);
    const int decode_tokens = int(args.integer("--decode-tokens", 64, 1, 4096));
    const std::vector<int32_t> ids = model->tokenizer().encode(text, true);
    const AwqSettings settings = awq_settings_from(args);
    const std::vector<std::string> methods = methods_from(args);
    const CalibrationSet calib = calibration_from(args, model->tokenizer(), model->config().max_position_embeddings);
    // The sweep and the report belong to the AWQ run ("awq" when measured, else the last method).
    const std::string swept = std::find(methods.begin(), methods.end(), "awq") != methods.end() ? "awq" : methods.back();
    const std::vector<double> budgets = args.has("--sweep") ? sweep_percents(args) : std::vector<double>{};

    std::vector<Row> rows;
    std::fprintf(stderr, "evaluating the original model\n");
    rows.push_back(evaluate("FP (" + model->weights().layers.front().q_proj->kind() + ")", model, ids, ctx, windows,
                            decode_tokens));
    for (const std::string& method : methods) {
        const AwqSettings s = settings_for_method(method, settings);
        // One backend per run: the GPU path measured on the H100 is a fresh backend for each quantization.
        const std::unique_ptr<LayerCompute> compute = layer_compute_from(args);
        ProgressBar bar;
        QuantizationResult q =
            quantize_model(model, calib, s, [&](const Progress& p) { return bar.update(p); }, nullptr, compute.get());
        bar.finish();
        const auto qm = make_quantized_model(q, true);
        std::fprintf(stderr, "evaluating %s\n", row_name(method).c_str());
        Row r = evaluate(row_name(method), qm, ids, ctx, windows, decode_tokens);
        if (args.flag("--kl")) r.kl = measure_kl(r.name, model, qm, ids, ctx, windows);
        r.quantize_seconds = q.report.seconds;
        for (const LayerReport& l : q.report.layers) r.fallback_layers += l.rtn_fallback ? 1 : 0;
        rows.push_back(r);
        if (method != swept) continue;
        if (!budgets.empty())
            sweep_float_budgets(q, budgets, {r.ppl, r.weight_bytes}, [&](double p, const std::shared_ptr<const Model>& m) {
                char name[48];
                std::snprintf(name, sizeof name, "%s+float %g%%", row_name(method).c_str(), p);
                std::fprintf(stderr, "evaluating %s\n", name);
                Row sr = evaluate(name, m, ids, ctx, windows, decode_tokens);
                if (args.flag("--kl")) sr.kl = measure_kl(sr.name, model, m, ids, ctx, windows);
                sr.quantize_seconds = r.quantize_seconds;
                rows.push_back(sr);
                return SweepMeasure{sr.ppl, sr.weight_bytes};
            });
        if (args.has("--report")) write_report(q.report, args.str("--report"));
    }
    // Each method's share of the RTN -> FP perplexity gap it closes (when RTN is among the methods).
    const auto rtn_row = std::find_if(rows.begin(), rows.end(), [](const Row& r) { return r.name == "RTN"; });
    for (Row& r : rows)
        if (rtn_row != rows.end() && &r != &rows[0] && &r != &*rtn_row)
            r.closure = (rtn_row->ppl - r.ppl) / (rtn_row->ppl - rows[0].ppl);
    const std::string tag = "w" + std::to_string(settings.quant.bits) + " g" + std::to_string(settings.quant.group_size);
    if (args.flag("--json")) {
        nlohmann::json j = {{"model", model->folder().string()}, {"text", args.str("--text")}, {"ctx", ctx},
                            {"setting", tag}};
        for (const Row& r : rows) {
            nlohmann::json row = {{"name", r.name}, {"perplexity", r.ppl}, {"weight_bytes", r.weight_bytes},
                                  {"decode_tokens_per_second", r.decode_tps}, {"kernels", r.kernels},
                                  {"quantize_seconds", r.quantize_seconds}, {"rtn_fallback_layers", r.fallback_layers}};
            if (std::isfinite(r.closure)) row["gap_closure"] = r.closure;
            add_kl_fields(row, r.kl);
            j["rows"].push_back(row);
            if (r.name == "AWQ" && std::isfinite(r.closure)) j["gap_closure"] = r.closure;
        }
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    const bool kl = args.flag("--kl");
    std::printf("%-14s %-10s %12s %10s %14s %14s %12s%s\n", "model", "kernels", "perplexity", "gap closed", "weights",
                "decode tok/s", "quantize s", kl ? kl_header().c_str() : "");
    for (const Row& r : rows) {
        char closed[32] = "-";
        if (std::isfinite(r.closure)) std::snprintf(closed, sizeof closed, "%.1f %%", r.closure * 100);
        std::printf("%-14s %-10s %12.4f %10s %14s %14.1f %12.1f%s\n", r.name.c_str(), r.kernels.c_str(), r.ppl,
                    closed, human_bytes(r.weight_bytes).c_str(), r.decode_tps, r.quantize_seconds,
                    kl ? kl_cells(r.kl).c_str() : "");
    }
    for (const Row& r : rows)
        if (r.name == "AWQ" && std::isfinite(r.closure))
            std::printf("%s: AWQ closes %.1f %% of the RTN gap ((PPL_RTN - PPL_AWQ) / (PPL_RTN - PPL_FP))\n",
                        tag.c_str(), r.closure * 100);
    return 0;
}

}  // namespace awq::cli
