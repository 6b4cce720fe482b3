// SPDX-License-Identifier: MIT
// awq ppl MODEL_DIR --text FILE [--ctx N] [--max-windows N] [--json] [--device D]
#include "commands.hpp"
#include "device_option.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/runtime/perplexity.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace awq::cli {

const CommandSpec& ppl_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{
            "ppl", "MODEL_DIR --text FILE [--ctx N] [--max-windows N] [--json] [--device D]",
            "Perplexity of a text file: non-overlapping windows of N tokens, tokens 2..N of each scored.",
            {"MODEL_DIR"},
            {{"--text", "FILE", "UTF-8 text file"},
             {"--ctx", "N", "window length in tokens (default 512, at most the model's context)"},
             {"--max-windows", "N", "score at most N windows (default: all)"},
             {"--json", "", "print the result as JSON"}}};
        s.options.push_back(device_option_spec());
        return s;
    }();
    return spec;
}

int run_ppl(const Args& args) {
    const auto model = Model::load(args.positional(0));
    const std::string path = args.required("--text");
    const std::string text = read_text_file(path);
    const int64_t ctx = args.integer("--ctx", std::min<int64_t>(512, model->config().max_position_embeddings), 2,
                                     model->config().max_position_embeddings);
    const int64_t max_windows = args.integer("--max-windows", 0, 0, INT64_MAX);
    const std::vector<int32_t> ids = model->tokenizer().encode(text, true);
    const bool json = args.flag("--json");
    const std::unique_ptr<Session> session = session_from(args, model, ctx);
    const PerplexityResult r = perplexity(*session, ids, ctx, max_windows, [&](int64_t done, int64_t total) {
        if (!json) std::fprintf(stderr, "\rwindow %lld/%lld", (long long)done, (long long)total);
        return true;
    });
    if (json) {
        std::cout << nlohmann::json{{"model", model->folder().string()}, {"text", path}, {"ctx", ctx},
                                    {"total_tokens", r.total_tokens}, {"windows", r.windows},
                                    {"scored_tokens", r.scored_tokens}, {"mean_nll", r.mean_nll},
                                    {"perplexity", r.perplexity}, {"seconds", r.seconds}}
                         .dump(2)
                  << "\n";
    } else {
        std::fprintf(stderr, "\n");
        std::printf("perplexity %.4f  (%lld windows of %lld tokens, %lld tokens scored, %.1f s)\n", r.perplexity,
                    (long long)r.windows, (long long)ctx, (long long)r.scored_tokens, r.seconds);
    }
    return 0;
}

}  // namespace awq::cli
