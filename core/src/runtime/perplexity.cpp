// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/runtime/perplexity.hpp>
#include <awq/runtime/session.hpp>

#include <chrono>
#include <cmath>

namespace awq {

double token_nll(const float* logits, int64_t vocab, int32_t target) {
    double mx = logits[0];
    for (int64_t i = 1; i < vocab; ++i) mx = std::max(mx, double(logits[i]));
    double sum = 0;
    for (int64_t i = 0; i < vocab; ++i) sum += std::exp(double(logits[i]) - mx);
    return std::log(sum) + mx - double(logits[target]);
}

PerplexityResult perplexity(std::shared_ptr<const Model> model, const std::vector<int32_t>& ids, int64_t ctx,
                            int64_t max_windows, const WindowProgress& progress) {
    if (ctx < 2) throw InvalidArgument("the perplexity context must be at least 2 tokens");
    InferenceSession session(std::move(model), ctx);
    return perplexity(session, ids, ctx, max_windows, progress);
}

PerplexityResult perplexity(Session& session, const std::vector<int32_t>& ids, int64_t ctx, int64_t max_windows,
                            const WindowProgress& progress) {
    if (ctx < 2) throw InvalidArgument("the perplexity context must be at least 2 tokens");
    PerplexityResult r;
    r.total_tokens = int64_t(ids.size());
    int64_t windows = r.total_tokens / ctx;
    if (windows == 0)
        throw InvalidArgument("the text has " + std::to_string(ids.size()) + " tokens, fewer than one window of " +
                              std::to_string(ctx));
    if (max_windows > 0) windows = std::min(windows, max_windows);
    const auto t0 = std::chrono::steady_clock::now();
    if (session.max_context() < ctx)
        throw InvalidArgument("--ctx " + std::to_string(ctx) + " exceeds the model's context of " +
                              std::to_string(session.max_context()));
    const int64_t vocab = session.model().config().vocab_size;
    double nll = 0;
    for (int64_t w = 0; w < windows; ++w) {
        session.reset();
        const std::vector<int32_t> window(ids.begin() + w * ctx, ids.begin() + (w + 1) * ctx);
        const std::vector<float> logits = session.feed(window, true);
        for (int64_t t = 1; t < ctx; ++t) nll += token_nll(logits.data() + (t - 1) * vocab, vocab, window[size_t(t)]);
        r.scored_tokens += ctx - 1;
        if (progress && !progress(w + 1, windows)) throw Cancelled();
    }
    r.windows = windows;
    r.mean_nll = nll / double(r.scored_tokens);
    r.perplexity = std::exp(r.mean_nll);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

}  // namespace awq
