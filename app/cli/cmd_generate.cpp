// SPDX-License-Identifier: MIT
// awq generate MODEL_DIR --prompt TEXT [--chat] [--max-tokens N] [sampling options] [--device D]
#include "commands.hpp"
#include "device_option.hpp"

#include <awq/error.hpp>
#include <awq/runtime/generate.hpp>

#include <cstdio>
#include <iostream>

namespace awq::cli {

const CommandSpec& generate_spec() {
    static const CommandSpec spec = [] {
        CommandSpec s{
            "generate", "MODEL_DIR --prompt TEXT [options]",
            "Generate text from a prompt (FP or AWQ model folder), streaming tokens as they come.",
            {"MODEL_DIR"},
            {{"--prompt", "TEXT", "the prompt"},
             {"--chat", "", "wrap the prompt as a user turn with the model's chat template"},
             {"--system", "TEXT", "system message for --chat"},
             {"--max-tokens", "N", "tokens to generate (default 128)"},
             {"--temperature", "T", "0 = greedy (default 0.7)"},
             {"--top-k", "K", "sample from the K most likely tokens (default 0 = off)"},
             {"--top-p", "P", "nucleus sampling mass (default 0.95)"},
             {"--repetition-penalty", "R", "penalise repeated tokens, 1 = off (default 1.1)"},
             {"--seed", "S", "random seed (default 0)"},
             {"--ctx", "N", "context size (default: the model's, at most 4096)"}}};
        s.options.push_back(device_option_spec());
        return s;
    }();
    return spec;
}

int run_generate(const Args& args) {
    const auto model = Model::load(args.positional(0));
    const std::string prompt = args.required("--prompt");
    GenerationOptions opt;
    opt.max_new_tokens = int(args.integer("--max-tokens", 128, 1, 1 << 20));
    opt.sampling.temperature = float(args.real("--temperature", 0.7, 0, 100));
    opt.sampling.top_k = int(args.integer("--top-k", 0, 0, 1 << 30));
    opt.sampling.top_p = float(args.real("--top-p", 0.95, 1e-6, 1));
    opt.sampling.repetition_penalty = float(args.real("--repetition-penalty", 1.1, 0.01, 100));
    opt.sampling.seed = uint64_t(args.integer("--seed", 0, 0, INT64_MAX));
    const int64_t ctx = args.integer("--ctx", std::min<int64_t>(model->config().max_position_embeddings, 4096), 2,
                                     model->config().max_position_embeddings);

    // Before the prompt is echoed, so that --device cuda without a GPU fails at once and the device lines
    // come first.
    const std::unique_ptr<Session> session = session_from(args, model, ctx);

    std::vector<int32_t> ids;
    if (args.flag("--chat")) {
        std::vector<ChatMessage> messages;
        if (args.has("--system")) messages.push_back({"system", args.str("--system")});
        messages.push_back({"user", prompt});
        const ChatTemplate& tmpl = model->chat_template();
        if (!tmpl.note.empty()) std::cerr << "note: " << tmpl.note << "\n";
        // The rendered template already holds its BOS text; do not let the post-processor add another.
        ids = model->tokenizer().encode(tmpl.render(messages, true), false);
    } else {
        ids = model->tokenizer().encode(prompt, true);
        std::cout << prompt;
    }
    if (int64_t(ids.size()) >= session->max_context())
        throw InvalidArgument("the prompt has " + std::to_string(ids.size()) + " tokens; the context holds " +
                              std::to_string(session->max_context()));
    opt.max_new_tokens = int(std::min<int64_t>(opt.max_new_tokens, session->max_context() - int64_t(ids.size())));
    const GenerationResult r = generate(*session, ids, opt, [](int32_t, const std::string& piece) {
        std::cout << piece << std::flush;
        return true;
    });
    std::cout << std::endl;  // flushed before the statistics line on stderr
    std::fprintf(stderr, "[%zu tokens; prompt %lld tokens; time to first token %.1f ms; decode %.1f tokens/s; %s]\n",
                 r.tokens.size(), (long long)r.prompt_tokens, r.prefill_seconds * 1e3, r.decode_tokens_per_second(),
                 r.stop == GenerationResult::Stop::Eos ? "stopped at end of text" : "token limit");
    return 0;
}

}  // namespace awq::cli
