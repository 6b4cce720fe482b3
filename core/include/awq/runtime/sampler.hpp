// SPDX-License-Identifier: MIT
#pragma once
// Next-token choice: greedy, or sampling with temperature, top-k, top-p and a repetition penalty.
// The random stream is our own (splitmix64 + xoshiro-style mixing over a 64-bit state), so a seed gives the
// same tokens on every platform and standard library.
#include <cstdint>
#include <vector>

namespace awq {

struct SamplingOptions {
    float temperature = 0.0f;         // 0 = greedy
    int top_k = 0;                    // 0 = off
    float top_p = 1.0f;               // 1 = off
    float repetition_penalty = 1.0f;  // 1 = off; >1 discourages tokens already in the context (HF rule)
    uint64_t seed = 0;
};

class Sampler {
public:
    explicit Sampler(const SamplingOptions& options);
    // Picks a token from logits [vocab] (modified in place); `context` holds earlier ids for the penalty.
    int32_t sample(float* logits, int64_t vocab, const std::vector<int32_t>& context);
    double uniform();  // [0, 1)

private:
    SamplingOptions opt_;
    uint64_t state_;
};

// HF's repetition penalty: a seen token's logit is divided by the penalty if positive, else multiplied.
void apply_repetition_penalty(float* logits, int64_t vocab, const std::vector<int32_t>& context, float penalty);

}  // namespace awq
