// SPDX-License-Identifier: MIT
#include <awq/error.hpp>
#include <awq/runtime/decoder_layer.hpp>
#include <awq/runtime/session.hpp>

#include <algorithm>

namespace awq {

InferenceSession::InferenceSession(std::shared_ptr<const Model> model, int64_t max_context)
    : model_(std::move(model)), rope_(model_->config()),
      max_context_(std::min(max_context, model_->config().max_position_embeddings)) {
    const ModelConfig& c = model_->config();
    const size_t n = size_t(c.num_hidden_layers * max_context_ * c.kv_dim());
    k_.resize(n);
    v_.resize(n);
}

void InferenceSession::truncate(int64_t n) { length_ = std::clamp<int64_t>(n, 0, length_); }

std::vector<float> InferenceSession::feed(const std::vector<int32_t>& tokens, bool all_logits) {
    const ModelConfig& c = model_->config();
    const ModelWeights& w = model_->weights();
    const int64_t n = int64_t(tokens.size()), H = c.hidden_size;
    if (n == 0) throw InvalidArgument("no tokens to run");
    if (length_ + n > max_context_)
        throw InvalidArgument("the context is full: " + std::to_string(length_ + n) + " tokens, at most " +
                              std::to_string(max_context_));
    std::vector<float> hidden(size_t(n * H)), normed(size_t(n * H)), attn(size_t(n * c.q_dim())),
        block(size_t(n * H));
    for (int64_t i = 0; i < n; ++i) w.embedding.lookup(tokens[size_t(i)], hidden.data() + i * H);
    const float eps = float(c.rms_norm_eps);
    const size_t layer_stride = size_t(max_context_ * c.kv_dim());
    for (int64_t l = 0; l < c.num_hidden_layers; ++l) {
        const LayerWeights& L = w.layers[size_t(l)];
        rms_norm(hidden.data(), L.input_norm.data(), eps, n, H, normed.data());
        self_attention(c, rope_, AttentionLinears::of(L), normed.data(), n, length_, k_.data() + l * layer_stride,
                       v_.data() + l * layer_stride, attn.data());
        L.o_proj->forward(attn.data(), n, block.data());
        for (size_t i = 0; i < hidden.size(); ++i) hidden[i] += block[i];
        rms_norm(hidden.data(), L.post_attention_norm.data(), eps, n, H, normed.data());
        mlp_block(MlpLinears::of(L), normed.data(), n, block.data());
        for (size_t i = 0; i < hidden.size(); ++i) hidden[i] += block[i];
    }
    length_ += n;
    const int64_t rows = all_logits ? n : 1;
    const float* first = hidden.data() + (n - rows) * H;
    rms_norm(first, w.final_norm.data(), eps, rows, H, normed.data());
    std::vector<float> logits(size_t(rows * c.vocab_size));
    w.lm_head->forward(normed.data(), rows, logits.data());
    return logits;
}

}  // namespace awq
