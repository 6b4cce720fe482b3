// SPDX-License-Identifier: MIT
#pragma once
// One Llama-family decoder layer, split into the blocks AWQ scales and measures separately:
// attention block (q/k/v projections, q/k norms, RoPE, causal GQA attention, o_proj) and MLP block
// (gate/up projections, SwiGLU, down_proj). Hidden states are row-major [tokens, hidden].
#include <awq/model/model.hpp>
#include <awq/runtime/ops.hpp>

#include <cstdint>
#include <vector>

namespace awq {

// The linears of an attention block; AWQ substitutes scaled/quantized copies while searching.
struct AttentionLinears {
    const Linear* q = nullptr;
    const Linear* k = nullptr;
    const Linear* v = nullptr;
    const Linear* o = nullptr;
    const std::vector<float>* q_norm = nullptr;  // qwen3; null or empty when absent
    const std::vector<float>* k_norm = nullptr;
    static AttentionLinears of(const LayerWeights& l);
};

struct MlpLinears {
    const Linear* gate = nullptr;
    const Linear* up = nullptr;
    const Linear* down = nullptr;
    static MlpLinears of(const LayerWeights& l);
};

// Self-attention for n tokens of ONE sequence at positions past..past+n-1: projects q/k/v, applies the q/k
// norms and RoPE, stores k and v at rows past.. of k_cache/v_cache (capacity >= past+n rows of kv_dim),
// and writes the attention output (the o_proj input) to attn [n, q_dim].
void self_attention(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                    int64_t n, int64_t past, float* k_cache, float* v_cache, float* attn);

// Attention block over n_seq independent sequences of seq_len tokens each (calibration batches):
// x_normed [T, H] -> out [T, H] (o_proj output). If o_input is given, the o_proj input [T, q_dim] is kept.
void attention_block(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                     int64_t n_seq, int64_t seq_len, float* out, float* o_input = nullptr);

// MLP block: x_normed [T, H] -> out [T, H]. If down_input is given, the down_proj input [T, I] is kept.
void mlp_block(const MlpLinears& lin, const float* x_normed, int64_t tokens, float* out,
               float* down_input = nullptr);

// Inputs and outputs of a layer's blocks, captured for AWQ (saliency, scale search targets).
struct LayerActivations {
    std::vector<float> attn_input;  // input_layernorm output [T, H]  -> q, k, v
    std::vector<float> o_input;     // attention output       [T, q_dim] -> o_proj
    std::vector<float> attn_output; // o_proj output          [T, H]
    std::vector<float> mlp_input;   // post_attention_layernorm output [T, H] -> gate, up
    std::vector<float> down_input;  // silu(gate) * up        [T, I] -> down_proj
    std::vector<float> mlp_output;  // down_proj output       [T, H]
};

// Runs the whole layer in place on hidden [n_seq * seq_len, H]; fills `capture` when given.
void decoder_layer_forward(const ModelConfig& c, const RopeTable& rope, const LayerWeights& layer, float* hidden,
                           int64_t n_seq, int64_t seq_len, LayerActivations* capture = nullptr);

}  // namespace awq
