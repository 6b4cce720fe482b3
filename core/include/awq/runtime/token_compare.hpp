// SPDX-License-Identifier: MIT
#pragma once
// Token-level fidelity of a quantized model against its original: both run teacher-forced on the same
// tokens (one prefill each), and at every position their next-token distributions are compared: whether the
// top-1 tokens agree, KL(P_orig || P_quant) in nats, the quantized model's probability of the sequence's
// next token, and both top-k lists. Over a text, the same on perplexity()'s windows (perplexity.hpp).
#include <awq/model/model.hpp>
#include <awq/runtime/perplexity.hpp>

#include <memory>
#include <vector>

namespace awq {

class Session;

struct TokenProbability {
    int32_t id = 0;
    double probability = 0;
};

// The two next-token distributions after tokens[0..position-1], both predicting tokens[position].
struct TokenComparison {
    int64_t position = 0;   // index of the predicted token in the sequence
    int32_t token = 0;      // tokens[position], the token the original chose
    bool top1_agrees = false;
    double kl = 0;                   // KL(P_orig || P_quant), nats
    double original_probability = 0;  // P_orig(token)
    double quantized_probability = 0; // P_quant(token)
    std::vector<TokenProbability> original_top;   // most probable first (ties: lower id first)
    std::vector<TokenProbability> quantized_top;
};

// Compares the distributions given by two rows of logits [vocab], in double with a stable log-softmax.
// `token` is the sequence's next token (the original's choice); top_k the length of both top lists.
TokenComparison compare_next_token(const float* original_logits, const float* quantized_logits, int64_t vocab,
                                   int32_t token, int top_k = 5);

// Teacher-forced comparison of `tokens` (prompt + the original's continuation): both sessions are reset and
// fed the whole sequence in one pass; one TokenComparison per predicted token tokens[first..n-1] (first >= 1:
// the prompt's first token has nothing before it). Throws InvalidArgument when the sequence does not fit a
// session's context, the vocabularies differ, or first is out of range; a one-token sequence gives none.
std::vector<TokenComparison> compare_tokens(Session& original, Session& quantized,
                                            const std::vector<int32_t>& tokens, int64_t first = 1, int top_k = 5);
std::vector<TokenComparison> compare_tokens(std::shared_ptr<const Model> original,
                                            std::shared_ptr<const Model> quantized,
                                            const std::vector<int32_t>& tokens, int64_t first = 1, int top_k = 5);

// Over a text's perplexity windows (exactly perplexity()'s: floor(n/ctx) windows of ctx tokens, tokens
// 2..ctx of each scored): mean KL and top-1 agreement over the scored tokens, and both perplexities.
struct FidelityResult {
    int64_t windows = 0;
    int64_t scored_tokens = 0;
    double mean_kl = 0;           // nats
    double top1_agreement = 0;    // fraction of scored tokens, 0..1
    double original_perplexity = 0;
    double quantized_perplexity = 0;
    double seconds = 0;
};

// `progress` is called after each window; returning false cancels (throws awq::Cancelled).
FidelityResult token_fidelity(Session& original, Session& quantized, const std::vector<int32_t>& ids, int64_t ctx,
                              int64_t max_windows = 0, const WindowProgress& progress = {});
FidelityResult token_fidelity(std::shared_ptr<const Model> original, std::shared_ptr<const Model> quantized,
                              const std::vector<int32_t>& ids, int64_t ctx, int64_t max_windows = 0,
                              const WindowProgress& progress = {});

}  // namespace awq
