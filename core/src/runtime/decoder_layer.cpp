#include <awq/runtime/decoder_layer.hpp>

#include <numeric>

namespace awq {

AttentionLinears AttentionLinears::of(const LayerWeights& l) {
    return {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(), &l.q_norm, &l.k_norm};
}

MlpLinears MlpLinears::of(const LayerWeights& l) { return {l.gate_proj.get(), l.up_proj.get(), l.down_proj.get()}; }

void self_attention(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                    int64_t n, int64_t past, float* k_cache, float* v_cache, float* attn) {
    const int64_t qd = c.q_dim(), kvd = c.kv_dim();
    std::vector<float> q(size_t(n * qd));
    lin.q->forward(x_normed, n, q.data());
    float* k_new = k_cache + past * kvd;
    float* v_new = v_cache + past * kvd;
    lin.k->forward(x_normed, n, k_new);
    lin.v->forward(x_normed, n, v_new);
    if (lin.q_norm && !lin.q_norm->empty()) {  // qwen3: RMSNorm of every head before RoPE
        rms_norm(q.data(), lin.q_norm->data(), float(c.rms_norm_eps), n * c.num_attention_heads, c.head_dim, q.data());
        rms_norm(k_new, lin.k_norm->data(), float(c.rms_norm_eps), n * c.num_key_value_heads, c.head_dim, k_new);
    }
    std::vector<int64_t> pos(static_cast<size_t>(n));
    std::iota(pos.begin(), pos.end(), past);
    rope.apply(q.data(), n, c.num_attention_heads, pos.data());
    rope.apply(k_new, n, c.num_key_value_heads, pos.data());
    causal_attention(q.data(), k_cache, v_cache, n, past, c.num_attention_heads, c.num_key_value_heads, c.head_dim,
                     attn);
}

void attention_block(const ModelConfig& c, const RopeTable& rope, const AttentionLinears& lin, const float* x_normed,
                     int64_t n_seq, int64_t seq_len, float* out, float* o_input) {
    const int64_t H = c.hidden_size, qd = c.q_dim(), kvd = c.kv_dim();
    std::vector<float> k(size_t(seq_len * kvd)), v(size_t(seq_len * kvd));
    std::vector<float> attn_local;
    if (!o_input) attn_local.resize(size_t(n_seq * seq_len * qd));
    float* attn = o_input ? o_input : attn_local.data();
    for (int64_t s = 0; s < n_seq; ++s)
        self_attention(c, rope, lin, x_normed + s * seq_len * H, seq_len, 0, k.data(), v.data(),
                       attn + s * seq_len * qd);
    lin.o->forward(attn, n_seq * seq_len, out);
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
