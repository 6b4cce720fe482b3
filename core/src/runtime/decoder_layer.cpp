// SPDX-License-Identifier: MIT
#include <awq/runtime/decoder_layer.hpp>

#include <numeric>

namespace awq {

AttentionLinears AttentionLinears::of(const LayerWeights& l) {
    return {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(), &l.q_norm, &l.k_norm};
}

MlpLinears MlpLinears::of(const LayerWeights& l) { return {l.gate_proj.get(), l.up_proj.get(), l.down_proj.get()}; }

namespace {

// The q/k norms (qwen3: RMSNorm of every head) and RoPE on freshly projected q [n, q_dim] and k [n, kv_dim]
// of one sequence at positions past..past+n-1, in place.
void normalise_and_rotate(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, float* q,
                          float* k, int64_t n, int64_t past) {
    if (lin.q_norm && !lin.q_norm->empty()) {
        rms_norm(q, lin.q_norm->data(), float(c.rms_norm_eps), n * c.num_attention_heads, c.head_dim, q);
        rms_norm(k, lin.k_norm->data(), float(c.rms_norm_eps), n * c.num_key_value_heads, c.head_dim, k);
    }
    std::vector<int64_t> pos(static_cast<size_t>(n));
    std::iota(pos.begin(), pos.end(), past);
    rope.apply(q, n, c.num_attention_heads, pos.data());
    rope.apply(k, n, c.num_key_value_heads, pos.data());
}

}  // namespace

void self_attention(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                    int64_t n, int64_t past, float* k_cache, float* v_cache, float* attn) {
    const int64_t qd = c.q_dim(), kvd = c.kv_dim();
    std::vector<float> q(size_t(n * qd));
    lin.q->forward(x_normed, n, q.data());
    float* k_new = k_cache + past * kvd;
    float* v_new = v_cache + past * kvd;
    lin.k->forward(x_normed, n, k_new);
    lin.v->forward(x_normed, n, v_new);
    normalise_and_rotate(c, rope, lin, q.data(), k_new, n, past);
    causal_attention(q.data(), k_cache, v_cache, n, past, c.num_attention_heads, c.num_key_value_heads, c.head_dim,
                     attn);
}

void attention_block(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                     int64_t n_seq, int64_t seq_len, float* out, float* o_input) {
    const int64_t T = n_seq * seq_len, qd = c.q_dim(), kvd = c.kv_dim();
    // The projections of all sequences at once (one large product each keeps both threads busy even for
    // the narrow k/v of grouped-query attention); then RoPE and attention per sequence.
    std::vector<float> q(size_t(T * qd)), k(size_t(T * kvd)), v(size_t(T * kvd));
    lin.q->forward(x_normed, T, q.data());
    lin.k->forward(x_normed, T, k.data());
    lin.v->forward(x_normed, T, v.data());
    std::vector<float> attn_local;
    if (!o_input) attn_local.resize(size_t(T * qd));
    float* attn = o_input ? o_input : attn_local.data();
    for (int64_t s = 0; s < n_seq; ++s) {
        float* qs = q.data() + s * seq_len * qd;
        float* ks = k.data() + s * seq_len * kvd;
        normalise_and_rotate(c, rope, lin, qs, ks, seq_len, 0);
        causal_attention(qs, ks, v.data() + s * seq_len * kvd, seq_len, 0, c.num_attention_heads,
                         c.num_key_value_heads, c.head_dim, attn + s * seq_len * qd);
    }
    lin.o->forward(attn, T, out);
}

void mlp_block(const MlpLinears& lin, const float* x_normed, int64_t tokens, float* out, float* down_input) {
    const int64_t I = lin.gate->out_features();
    std::vector<float> local;
    if (!down_input) local.resize(size_t(tokens * I));
    float* gate = down_input ? down_input : local.data();
    std::vector<float> up(size_t(tokens * I));
    lin.gate->forward(x_normed, tokens, gate);
    lin.up->forward(x_normed, tokens, up.data());
    silu_mul(gate, up.data(), tokens * I);
    lin.down->forward(gate, tokens, out);
}

void decoder_layer_forward(const ModelConfig& c, const RopeTable& rope, const LayerWeights& layer, float* hidden,
                           int64_t n_seq, int64_t seq_len, LayerActivations* capture) {
    const int64_t T = n_seq * seq_len, H = c.hidden_size;
    const float eps = float(c.rms_norm_eps);
    LayerActivations local;
    LayerActivations& a = capture ? *capture : local;
    a.attn_input.resize(size_t(T * H));
    a.attn_output.resize(size_t(T * H));
    a.mlp_input.resize(size_t(T * H));
    a.mlp_output.resize(size_t(T * H));
    if (capture) {
        a.o_input.resize(size_t(T * c.q_dim()));
        a.down_input.resize(size_t(T * c.intermediate_size));
    }
    rms_norm(hidden, layer.input_norm.data(), eps, T, H, a.attn_input.data());
    attention_block(c, rope, AttentionLinears::of(layer), a.attn_input.data(), n_seq, seq_len, a.attn_output.data(),
                    capture ? a.o_input.data() : nullptr);
    for (int64_t i = 0; i < T * H; ++i) hidden[i] += a.attn_output[size_t(i)];
    rms_norm(hidden, layer.post_attention_norm.data(), eps, T, H, a.mlp_input.data());
    mlp_block(MlpLinears::of(layer), a.mlp_input.data(), T, a.mlp_output.data(),
              capture ? a.down_input.data() : nullptr);
    for (int64_t i = 0; i < T * H; ++i) hidden[i] += a.mlp_output[size_t(i)];
}

}  // namespace awq
