// SPDX-License-Identifier: MIT
#pragma once
// Incremental inference over one sequence with a KV cache: feed tokens, get logits.
#include <awq/model/model.hpp>
#include <awq/runtime/ops.hpp>

#include <memory>
#include <vector>

namespace awq {

// One sequence with a KV cache, wherever it runs: InferenceSession on the CPU, GpuSession
// (awq/device/gpu_plugin.hpp) through the CUDA plugin. generate() and perplexity() take either.
class Session {
public:
    virtual ~Session() = default;
    // Runs `tokens` after those already cached. Returns the logits of the last token [vocab], or of every
    // fed token [n, vocab] when all_logits. Throws InvalidArgument when the context would overflow.
    virtual std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits = false) = 0;
    virtual void reset() = 0;
    // Drops cached positions from n on (a chat that shares a prefix with the previous turn reuses it).
    virtual void truncate(int64_t n) = 0;
    virtual int64_t length() const = 0;
    virtual int64_t max_context() const = 0;
    // The tokenizer, config and stop ids the caller decodes with (the weights may live elsewhere).
    virtual const Model& model() const = 0;
};

class InferenceSession final : public Session {
public:
    // max_context is capped at the model's max_position_embeddings.
    InferenceSession(std::shared_ptr<const Model> model, int64_t max_context = 2048);

    std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits = false) override;
    void reset() override { length_ = 0; }
    void truncate(int64_t n) override;
    int64_t length() const override { return length_; }
    int64_t max_context() const override { return max_context_; }
    const Model& model() const override { return *model_; }
    size_t kv_cache_bytes() const { return (k_.size() + v_.size()) * sizeof(float); }

private:
    std::shared_ptr<const Model> model_;
    RopeTable rope_;
    int64_t max_context_;
    int64_t length_ = 0;
    std::vector<float> k_, v_;  // [layers][max_context][kv_dim]
};

}  // namespace awq
