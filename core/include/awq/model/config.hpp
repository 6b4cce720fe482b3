// SPDX-License-Identifier: MIT
#pragma once
// config.json of a Llama-family decoder (llama, mistral, qwen2, qwen3) -> ModelConfig.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace awq {

struct RopeScaling {
    std::string type;  // "" (none), "llama3", "linear"
    double factor = 1.0;
    double low_freq_factor = 1.0;
    double high_freq_factor = 4.0;
    int64_t original_max_position_embeddings = 8192;
};

// quantization_config of an AWQ checkpoint (AutoAWQ GEMM).
struct AwqQuantConfig {
    int bits = 4;
    int group_size = 128;
    bool zero_point = true;
    std::string version = "gemm";
    std::vector<std::string> modules_to_not_convert;
};

struct ModelConfig {
    std::string model_type;          // llama | mistral | qwen2 | qwen3
    std::vector<std::string> architectures;
    int64_t vocab_size = 0;
    int64_t hidden_size = 0;
    int64_t intermediate_size = 0;
    int64_t num_hidden_layers = 0;
    int64_t num_attention_heads = 0;
    int64_t num_key_value_heads = 0;  // defaults to num_attention_heads
    int64_t head_dim = 0;             // defaults to hidden_size / num_attention_heads
    int64_t max_position_embeddings = 2048;
    double rms_norm_eps = 1e-6;
    double rope_theta = 10000.0;
    RopeScaling rope_scaling;
    bool attention_bias = false;      // q/k/v biases (qwen2 always has them)
    bool qk_norm = false;             // qwen3: RMSNorm on q and k per head
    bool tie_word_embeddings = false;
    std::string torch_dtype;          // as written ("bfloat16", ...)
    std::optional<int64_t> bos_token_id;
    std::vector<int64_t> eos_token_ids;  // int or list in config.json
    std::optional<AwqQuantConfig> quantization;  // present for AWQ checkpoints

    int64_t q_dim() const { return num_attention_heads * head_dim; }
    int64_t kv_dim() const { return num_key_value_heads * head_dim; }
};

std::vector<std::string> supported_model_types();

// Parses and validates; FormatError naming the file and key for missing/ill-typed keys, Unsupported for
// an unknown model_type (listing the supported ones) or unsupported quantization methods.
ModelConfig load_model_config(const std::filesystem::path& config_json);
ModelConfig parse_model_config(const std::string& json_text, const std::string& source_name);

}  // namespace awq
