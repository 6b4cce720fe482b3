// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/runtime/session.hpp>
#include <awq/runtime/token_compare.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace awq {

namespace {

// One row of logits as a log-softmax in double, plus what the callers need besides: the shift and
// log-sum-exp (so a token's NLL is computed exactly as token_nll does) and the top-1 token.
struct LogSoftmax {
    std::vector<double> log_p;
    double max = 0, log_sum = 0;
    int32_t argmax = 0;  // the first of equal maxima

    void compute(const float* logits, int64_t vocab) {
        max = logits[0];
        argmax = 0;
        for (int64_t i = 1; i < vocab; ++i)
            if (double(logits[i]) > max) {
                max = logits[i];
                argmax = int32_t(i);
            }
        double sum = 0;
        for (int64_t i = 0; i < vocab; ++i) sum += std::exp(double(logits[i]) - max);
        log_sum = std::log(sum);
        log_p.resize(size_t(vocab));
        for (int64_t i = 0; i < vocab; ++i) log_p[size_t(i)] = double(logits[i]) - max - log_sum;
    }
    // The same arithmetic as token_nll (perplexity.cpp), so perplexities here equal perplexity()'s.
    double nll(const float* logits, int32_t target) const { return log_sum + max - double(logits[target]); }
};

// KL(P || Q) = sum_i p_i (log p_i - log q_i). Terms whose p_i underflows to 0 contribute nothing (and must not
// multiply an infinite log ratio). Rounding can leave a true 0 a hair below it, hence the clamp.
double kl_divergence(const LogSoftmax& p, const LogSoftmax& q) {
    double kl = 0;
    for (size_t i = 0; i < p.log_p.size(); ++i) {
        const double pi = std::exp(p.log_p[i]);
        if (pi > 0) kl += pi * (p.log_p[i] - q.log_p[i]);
    }
    return std::max(kl, 0.0);
}

std::vector<TokenProbability> top_tokens(const LogSoftmax& d, int top_k) {
    const int64_t vocab = int64_t(d.log_p.size());
    const int64_t k = std::min<int64_t>(top_k, vocab);
    std::vector<int32_t> ids(static_cast<size_t>(vocab));
    std::iota(ids.begin(), ids.end(), 0);
    std::partial_sort(ids.begin(), ids.begin() + k, ids.end(), [&](int32_t a, int32_t b) {
        return d.log_p[size_t(a)] != d.log_p[size_t(b)] ? d.log_p[size_t(a)] > d.log_p[size_t(b)] : a < b;
    });
    std::vector<TokenProbability> top(static_cast<size_t>(k));
    for (int64_t i = 0; i < k; ++i) top[size_t(i)] = {ids[size_t(i)], std::exp(d.log_p[size_t(ids[size_t(i)])])};
    return top;
}

TokenComparison compare(const LogSoftmax& p, const LogSoftmax& q, int32_t token, int top_k) {
    TokenComparison c;
    c.token = token;
    c.top1_agrees = p.argmax == q.argmax;
    c.kl = kl_divergence(p, q);
    c.original_probability = std::exp(p.log_p[size_t(token)]);
    c.quantized_probability = std::exp(q.log_p[size_t(token)]);
    c.original_top = top_tokens(p, top_k);
    c.quantized_top = top_tokens(q, top_k);
    return c;
}

int64_t shared_vocab(const Session& original, const Session& quantized) {
    const int64_t vocab = original.model().config().vocab_size;
    if (quantized.model().config().vocab_size != vocab)
        throw InvalidArgument("the quantized model's vocabulary (" +
                              std::to_string(quantized.model().config().vocab_size) +
                              " tokens) differs from the original's (" + std::to_string(vocab) + ")");
    return vocab;
}

void check_token(int32_t token, int64_t vocab, int64_t position) {
    if (token < 0 || token >= vocab)
        throw InvalidArgument("token " + std::to_string(token) + " at position " + std::to_string(position) +
                              " is outside the vocabulary of " + std::to_string(vocab));
}

}  // namespace

TokenComparison compare_next_token(const float* original_logits, const float* quantized_logits, int64_t vocab,
                                   int32_t token, int top_k) {
    if (vocab < 1) throw InvalidArgument("an empty vocabulary has no distribution to compare");
    if (top_k < 0) throw InvalidArgument("the top-k length must not be negative");
    check_token(token, vocab, 0);
    LogSoftmax p, q;
    p.compute(original_logits, vocab);
    q.compute(quantized_logits, vocab);
    return compare(p, q, token, top_k);
}

std::vector<TokenComparison> compare_tokens(Session& original, Session& quantized,
                                            const std::vector<int32_t>& tokens, int64_t first, int top_k) {
    const int64_t n = int64_t(tokens.size());
    if (n == 0) throw InvalidArgument("no tokens to compare");
    if (first < 1 || first > n)
        throw InvalidArgument("the first compared position " + std::to_string(first) + " is outside 1.." +
                              std::to_string(n) + " (the sequence's length)");
    if (top_k < 0) throw InvalidArgument("the top-k length must not be negative");
    const int64_t vocab = shared_vocab(original, quantized);
    for (int64_t i = 0; i < n; ++i) check_token(tokens[size_t(i)], vocab, i);
    if (first == n) return {};
    // Rows 0..n-2 of the logits predict tokens 1..n-1: the last token need not be run.
    const std::vector<int32_t> fed(tokens.begin(), tokens.end() - 1);
    for (Session* s : {&original, &quantized}) {
        if (s->max_context() < int64_t(fed.size()))
            throw InvalidArgument("comparing " + std::to_string(n) + " tokens needs a context of " +
                                  std::to_string(fed.size()) + ", the model's holds " +
                                  std::to_string(s->max_context()));
    }
    original.reset();
    quantized.reset();
    const std::vector<float> lp = original.feed(fed, true);
    const std::vector<float> lq = quantized.feed(fed, true);
    std::vector<TokenComparison> out;
    out.reserve(size_t(n - first));
    LogSoftmax p, q;
    for (int64_t t = first; t < n; ++t) {
        p.compute(lp.data() + (t - 1) * vocab, vocab);
        q.compute(lq.data() + (t - 1) * vocab, vocab);
        out.push_back(compare(p, q, tokens[size_t(t)], top_k));
        out.back().position = t;
    }
    return out;
}

std::vector<TokenComparison> compare_tokens(std::shared_ptr<const Model> original,
                                            std::shared_ptr<const Model> quantized,
                                            const std::vector<int32_t>& tokens, int64_t first, int top_k) {
    const int64_t context = std::max<int64_t>(1, int64_t(tokens.size()) - 1);
    InferenceSession a(std::move(original), context), b(std::move(quantized), context);
    return compare_tokens(a, b, tokens, first, top_k);
}

FidelityResult token_fidelity(Session& original, Session& quantized, const std::vector<int32_t>& ids, int64_t ctx,
                              int64_t max_windows, const WindowProgress& progress) {
    if (ctx < 2) throw InvalidArgument("the perplexity context must be at least 2 tokens");
    int64_t windows = int64_t(ids.size()) / ctx;
    if (windows == 0)
        throw InvalidArgument("the text has " + std::to_string(ids.size()) + " tokens, fewer than one window of " +
                              std::to_string(ctx));
    if (max_windows > 0) windows = std::min(windows, max_windows);
    for (Session* s : {&original, &quantized})
        if (s->max_context() < ctx)
            throw InvalidArgument("--ctx " + std::to_string(ctx) + " exceeds the model's context of " +
                                  std::to_string(s->max_context()));
    const int64_t vocab = shared_vocab(original, quantized);
    for (int64_t i = 0; i < windows * ctx; ++i) check_token(ids[size_t(i)], vocab, i);
    const auto t0 = std::chrono::steady_clock::now();
    FidelityResult r;
    double kl = 0, nll_p = 0, nll_q = 0;
    int64_t agree = 0;
    LogSoftmax p, q;
    for (int64_t w = 0; w < windows; ++w) {
        const std::vector<int32_t> window(ids.begin() + w * ctx, ids.begin() + (w + 1) * ctx);
        original.reset();
        quantized.reset();
        const std::vector<float> lp = original.feed(window, true);
        const std::vector<float> lq = quantized.feed(window, true);
        for (int64_t t = 1; t < ctx; ++t) {
            const float* rp = lp.data() + (t - 1) * vocab;
            const float* rq = lq.data() + (t - 1) * vocab;
            p.compute(rp, vocab);
            q.compute(rq, vocab);
            kl += kl_divergence(p, q);
            agree += p.argmax == q.argmax ? 1 : 0;
            nll_p += p.nll(rp, window[size_t(t)]);
            nll_q += q.nll(rq, window[size_t(t)]);
        }
        r.scored_tokens += ctx - 1;
        if (progress && !progress(w + 1, windows)) throw Cancelled();
    }
    r.windows = windows;
    r.mean_kl = kl / double(r.scored_tokens);
    r.top1_agreement = double(agree) / double(r.scored_tokens);
    r.original_perplexity = std::exp(nll_p / double(r.scored_tokens));
    r.quantized_perplexity = std::exp(nll_q / double(r.scored_tokens));
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
}

FidelityResult token_fidelity(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized,
                              const std::vector<int32_t>& ids, int64_t ctx, int64_t max_windows,
                              const WindowProgress& progress) {
    if (ctx < 2) throw InvalidArgument("the perplexity context must be at least 2 tokens");
    InferenceSession a(std::move(original), ctx), b(std::move(quantized), ctx);
    return token_fidelity(a, b, ids, ctx, max_windows, progress);
}

}  // namespace awq
