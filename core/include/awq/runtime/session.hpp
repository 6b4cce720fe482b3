#pragma once
// Incremental inference over one sequence with a KV cache: feed tokens, get logits.
#include <awq/model/model.hpp>
#include <awq/runtime/ops.hpp>

#include <memory>
#include <vector>

namespace awq {

class InferenceSession {
public:
    // max_context is capped at the model's max_position_embeddings.
    InferenceSession(std::shared_ptr<const Model> model, int64_t max_context = 2048);

    // Runs `tokens` after those already cached. Returns the logits of the last token [vocab], or of every
    // fed token [n, vocab] when all_logits. Throws InvalidArgument when the context would overflow.
    std::vector<float> feed(const std::vector<int32_t>& tokens, bool all_logits = false);
    void reset() { length_ = 0; }
    // Drops cached positions from n on (a chat that shares a prefix with the previous turn reuses it).
    void truncate(int64_t n);
    int64_t length() const { return length_; }
    int64_t max_context() const { return max_context_; }
    const Model& model() const { return *model_; }
    size_t kv_cache_bytes() const { return (k_.size() + v_.size()) * sizeof(float); }

private:
    std::shared_ptr<const Model> model_;
    RopeTable rope_;
    int64_t max_context_;
    int64_t length_ = 0;
    std::vector<float> k_, v_;  // [layers][max_context][kv_dim]
};

}  // namespace awq
