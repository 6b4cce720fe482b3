// SPDX-License-Identifier: MIT
#pragma once
// The generation loop: prefill the prompt, then sample token by token until a stop id, the token limit,
// or the callback says stop.
#include <awq/runtime/sampler.hpp>
#include <awq/runtime/session.hpp>

#include <functional>
#include <string>
#include <vector>

namespace awq {

struct GenerationOptions {
    int max_new_tokens = 128;
    SamplingOptions sampling;
    bool stop_at_eos = true;  // stop on the model's EOS / end-of-turn ids
};

struct GenerationResult {
    std::vector<int32_t> tokens;  // generated ids (the stop id is not included)
    std::string text;
    enum class Stop { Eos, MaxTokens, Cancelled, ContextFull } stop = Stop::MaxTokens;
    double prefill_seconds = 0;   // time to first token
    double decode_seconds = 0;    // time for the remaining tokens
    int64_t prompt_tokens = 0;
    double decode_tokens_per_second() const;
};

// Called for every new token with the text it completes (may be empty while a character is incomplete).
// Returning false stops generation.
using TokenCallback = std::function<bool(int32_t id, const std::string& piece)>;

// Runs from the session's current state (the prompt ids are fed first).
GenerationResult generate(Session& session, const std::vector<int32_t>& prompt,
                          const GenerationOptions& options, const TokenCallback& on_token = {});

}  // namespace awq
