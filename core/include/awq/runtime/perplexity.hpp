// SPDX-License-Identifier: MIT
#pragma once
// Perplexity, defined so others can reproduce it: tokenize the whole text once as the tokenizer does for a
// single sequence (BOS only if its post-processor adds one), cut the ids into floor(n/ctx) non-overlapping
// windows of ctx tokens, score tokens 2..ctx of each window, report exp(mean NLL) over all scored tokens.
#include <awq/model/model.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace awq {

class Session;

struct PerplexityResult {
    int64_t total_tokens = 0;
    int64_t windows = 0;
    int64_t scored_tokens = 0;
    double mean_nll = 0;
    double perplexity = 0;
    double seconds = 0;
};

// Called after each window (done, total); returning false cancels (throws awq::Cancelled).
using WindowProgress = std::function<bool(int64_t done, int64_t total)>;

PerplexityResult perplexity(std::shared_ptr<const Model> model, const std::vector<int32_t>& ids, int64_t ctx,
                            int64_t max_windows = 0, const WindowProgress& progress = {});
// The same on a given session (the GPU's): its max_context must hold ctx; it is reset before each window.
PerplexityResult perplexity(Session& session, const std::vector<int32_t>& ids, int64_t ctx, int64_t max_windows = 0,
                            const WindowProgress& progress = {});

// Negative log-likelihood (natural log) of `target` under logits [vocab], computed in double.
double token_nll(const float* logits, int64_t vocab, int32_t target);

}  // namespace awq
