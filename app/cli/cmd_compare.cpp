// awq compare MODEL_DIR --text FILE: FP vs RTN vs AWQ perplexity, weight memory and decode speed.
#include "commands.hpp"
#include "device_option.hpp"
#include "progress_bar.hpp"
#include "quant_options.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/runtime/perplexity.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace awq::cli {

const CommandSpec& compare_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{"compare", "MODEL_DIR --text FILE [options]",
                      "Quantize with RTN and with AWQ in memory and compare perplexity, weight memory and decode "
                      "speed with the original.",
                      {"MODEL_DIR"},
                      {{"--text", "FILE", "evaluation text (UTF-8)"},
                       {"--ctx", "N", "perplexity window (default 512, at most the model's context)"},
                       {"--max-windows", "N", "score at most N windows (default: all)"},
                       {"--decode-tokens", "N", "tokens generated to measure decode speed (default 64)"},
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
    const CalibrationSet calib = calibration_from(args, model->tokenizer(), model->config().max_position_embeddings);

    std::vector<Row> rows;
    std::fprintf(stderr, "evaluating the original model\n");
    rows.push_back(evaluate("FP (" + model->weights().layers.front().q_proj->kind() + ")", model, ids, ctx, windows,
                            decode_tokens));
    for (bool rtn : {true, false}) {
        AwqSettings s = settings;
        s.rtn = rtn;
        // One backend per run: the GPU path measured on the H100 is a fresh backend for each quantization.
        const std::unique_ptr<LayerCompute> compute = layer_compute_from(args);
        ProgressBar bar;
        const QuantizationResult q =
            quantize_model(model, calib, s, [&](const Progress& p) { return bar.update(p); }, nullptr, compute.get());
        bar.finish();
        const auto qm = make_quantized_model(q, true);
        std::fprintf(stderr, "evaluating %s\n", rtn ? "RTN" : "AWQ");
        Row r = evaluate(rtn ? "RTN" : "AWQ", qm, ids, ctx, windows, decode_tokens);
        r.quantize_seconds = q.report.seconds;
        rows.push_back(r);
    }
    const double closure = (rows[1].ppl - rows[2].ppl) / (rows[1].ppl - rows[0].ppl);
    const std::string tag = "w" + std::to_string(settings.quant.bits) + " g" + std::to_string(settings.quant.group_size);
    if (args.flag("--json")) {
        nlohmann::json j = {{"model", model->folder().string()}, {"text", args.str("--text")}, {"ctx", ctx},
                            {"setting", tag}, {"gap_closure", closure}};
        for (const Row& r : rows)
            j["rows"].push_back({{"name", r.name}, {"perplexity", r.ppl}, {"weight_bytes", r.weight_bytes},
                                 {"decode_tokens_per_second", r.decode_tps}, {"kernels", r.kernels},
                                 {"quantize_seconds", r.quantize_seconds}});
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("%-12s %-10s %12s %14s %14s %12s\n", "model", "kernels", "perplexity", "weights", "decode tok/s",
                "quantize s");
    for (const Row& r : rows)
        std::printf("%-12s %-10s %12.4f %14s %14.1f %12.1f\n", r.name.c_str(), r.kernels.c_str(), r.ppl,
                    human_bytes(r.weight_bytes).c_str(), r.decode_tps, r.quantize_seconds);
    std::printf("%s: AWQ closes %.1f %% of the RTN gap ((PPL_RTN - PPL_AWQ) / (PPL_RTN - PPL_FP))\n", tag.c_str(),
                closure * 100);
    return 0;
}

}  // namespace awq::cli
