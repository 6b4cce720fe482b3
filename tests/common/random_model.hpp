// SPDX-License-Identifier: MIT
#pragma once
// A small random-weight Llama model folder written by a test (config.json, model.safetensors through the
// core's safetensors writer, the bundled model's tokenizer files), for shapes no committed fixture has:
// e.g. hidden 576 / intermediate 1536 as SmolLM2-135M, which group size 128 does not divide.
#include "test_util.hpp"

#include <awq/io/dtype.hpp>
#include <awq/io/safetensors.hpp>

#include <nlohmann/json.hpp>

namespace awq::test {

struct RandomModelShape {
    int64_t hidden = 96, intermediate = 160, layers = 2, heads = 3, kv_heads = 1, head_dim = 32;
    DType dtype = DType::BF16;  // F16 or BF16
    uint64_t seed = 1;
};

inline void write_random_model(const std::filesystem::path& dir, const RandomModelShape& s) {
    namespace fs = std::filesystem;
    fs::create_directories(dir);
    for (const char* f : {"tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "generation_config.json"})
        fs::copy_file(bundled_model() / f, dir / f, fs::copy_options::overwrite_existing);
    const int64_t vocab = 4096;  // the bundled tokenizer's
    const nlohmann::json cfg = {{"architectures", {"LlamaForCausalLM"}}, {"model_type", "llama"},
                                {"hidden_size", s.hidden}, {"intermediate_size", s.intermediate},
                                {"num_hidden_layers", s.layers}, {"num_attention_heads", s.heads},
                                {"num_key_value_heads", s.kv_heads}, {"head_dim", s.head_dim},
                                {"vocab_size", vocab}, {"max_position_embeddings", 512}, {"rms_norm_eps", 1e-5},
                                {"rope_theta", 10000.0}, {"tie_word_embeddings", false}, {"bos_token_id", 4092},
                                {"eos_token_id", 4093}, {"hidden_act", "silu"},
                                {"torch_dtype", s.dtype == DType::F16 ? "float16" : "bfloat16"}};
    write_file_atomic(dir / "config.json", cfg.dump(2));

    std::vector<std::vector<uint16_t>> store;  // keeps the bytes alive until written
    std::vector<TensorToWrite> tensors;
    uint64_t seed = s.seed;
    const auto add = [&](const std::string& name, std::vector<int64_t> shape, float lo, float hi) {
        int64_t n = 1;
        for (int64_t d : shape) n *= d;
        const std::vector<float> v = random_vector(size_t(n), seed++, lo, hi);
        std::vector<uint16_t> h(v.size());
        for (size_t k = 0; k < v.size(); ++k) h[k] = s.dtype == DType::F16 ? f32_to_f16(v[k]) : f32_to_bf16(v[k]);
        store.push_back(std::move(h));
        tensors.push_back({name, s.dtype, std::move(shape),
                           std::as_bytes(std::span<const uint16_t>(store.back().data(), store.back().size()))});
    };
    store.reserve(size_t(4 + 9 * s.layers));
    const int64_t H = s.hidden, I = s.intermediate, q = s.heads * s.head_dim, kv = s.kv_heads * s.head_dim;
    add("model.embed_tokens.weight", {vocab, H}, -1.0f, 1.0f);
    for (int64_t l = 0; l < s.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        const float a = 1.0f / std::sqrt(float(H)), b = 1.0f / std::sqrt(float(I));
        add(p + "self_attn.q_proj.weight", {q, H}, -a, a);
        add(p + "self_attn.k_proj.weight", {kv, H}, -a, a);
        add(p + "self_attn.v_proj.weight", {kv, H}, -a, a);
        add(p + "self_attn.o_proj.weight", {H, q}, -a, a);
        add(p + "mlp.gate_proj.weight", {I, H}, -a, a);
        add(p + "mlp.up_proj.weight", {I, H}, -a, a);
        add(p + "mlp.down_proj.weight", {H, I}, -b, b);
        add(p + "input_layernorm.weight", {H}, 0.8f, 1.2f);
        add(p + "post_attention_layernorm.weight", {H}, 0.8f, 1.2f);
    }
    add("model.norm.weight", {H}, 0.8f, 1.2f);
    add("lm_head.weight", {vocab, H}, -0.2f, 0.2f);
    write_safetensors(dir / "model.safetensors", tensors);
}

}  // namespace awq::test
