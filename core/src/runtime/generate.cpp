// SPDX-License-Identifier: MIT
#include <awq/runtime/generate.hpp>

#include <algorithm>
#include <chrono>

namespace awq {

double GenerationResult::decode_tokens_per_second() const {
    const size_t n = tokens.size() > 1 ? tokens.size() - 1 : 0;  // the first token belongs to prefill
    return decode_seconds > 0 ? double(n) / decode_seconds : 0.0;
}

GenerationResult generate(Session& session, const std::vector<int32_t>& prompt,
                          const GenerationOptions& options, const TokenCallback& on_token) {
    using clock = std::chrono::steady_clock;
    const Model& model = session.model();
    const auto& stops = model.stop_ids();
    const int64_t vocab = model.config().vocab_size;
    GenerationResult result;
    result.prompt_tokens = int64_t(prompt.size());
    Sampler sampler(options.sampling);
    StreamDecoder decoder(model.tokenizer());
    std::vector<int32_t> context = prompt;

    const auto t0 = clock::now();
    std::vector<float> logits = session.feed(prompt);
    auto t_first = clock::now();
    for (int i = 0; i < options.max_new_tokens; ++i) {
        const int32_t id = sampler.sample(logits.data(), vocab, context);
        if (i == 0) t_first = clock::now();
        if (options.stop_at_eos && std::find(stops.begin(), stops.end(), id) != stops.end()) {
            result.stop = GenerationResult::Stop::Eos;
            break;
        }
        result.tokens.push_back(id);
        context.push_back(id);
        const std::string piece = decoder.push(id);
        result.text += piece;
        if (on_token && !on_token(id, piece)) {
            result.stop = GenerationResult::Stop::Cancelled;
            break;
        }
        if (i + 1 == options.max_new_tokens) break;
        if (session.length() >= session.max_context()) {
            result.stop = GenerationResult::Stop::ContextFull;
            break;
        }
        logits = session.feed({id});
    }
    const std::string rest = decoder.flush();
    result.text += rest;
    if (!rest.empty() && on_token) on_token(-1, rest);
    const auto t_end = clock::now();
    result.prefill_seconds = std::chrono::duration<double>(t_first - t0).count();
    result.decode_seconds = std::chrono::duration<double>(t_end - t_first).count();
    return result;
}

}  // namespace awq
