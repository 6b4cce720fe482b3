// SPDX-License-Identifier: MIT
#pragma once
// A loaded model folder: config, memory-mapped weights arranged per decoder layer, tokenizer, chat template.
#include <awq/io/tensor_store.hpp>
#include <awq/model/config.hpp>
#include <awq/model/linear.hpp>
#include <awq/tokenizer/chat_template.hpp>
#include <awq/tokenizer/tokenizer.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace awq {

// The linears and norms of one Llama-family decoder layer. Norm weights are small float copies.
struct LayerWeights {
    std::unique_ptr<Linear> q_proj, k_proj, v_proj, o_proj;
    std::unique_ptr<Linear> gate_proj, up_proj, down_proj;
    std::vector<float> input_norm, post_attention_norm;
    std::vector<float> q_norm, k_norm;  // qwen3 only: per-head RMSNorm weights [head_dim]
};

// The embedding table stays where it is (a mapped view); rows are converted as tokens are looked up.
struct EmbeddingTable {
    DType dtype = DType::F32;
    const void* data = nullptr;
    int64_t rows = 0, dim = 0;
    void lookup(int32_t id, float* out) const;  // throws InvalidArgument for ids out of range
};

struct ModelWeights {
    EmbeddingTable embedding;
    std::vector<LayerWeights> layers;
    std::vector<float> final_norm;
    std::unique_ptr<Linear> lm_head;  // a view of the embedding table when tied
    bool lm_head_tied = false;        // then its bytes are the embedding's and counted once
    size_t bytes() const;             // weight bytes in memory, as held (packed INT4 counted packed)
};

class Model {
public:
    // Loads config.json, the safetensors weights (mapped, not copied), tokenizer.json and the chat template.
    // Throws awq::Error subclasses that name the file and the problem.
    static std::shared_ptr<Model> load(const std::filesystem::path& folder);

    const std::filesystem::path& folder() const { return folder_; }
    const ModelConfig& config() const { return config_; }
    const Tokenizer& tokenizer() const { return *tokenizer_; }
    const ChatTemplate& chat_template() const { return chat_; }
    const ModelWeights& weights() const { return weights_; }
    ModelWeights& weights() { return weights_; }
    const TensorStore& tensors() const { return store_; }
    bool is_quantized() const { return config_.quantization.has_value(); }
    // True for a model made by load(): its folder alone rebuilds it (the CUDA plugin loads its own copy).
    // False for derive() and in_memory(), whose weights exist only in this process.
    bool from_folder() const { return from_folder_; }
    // Token ids that end generation: config/generation_config EOS ids plus the chat family's end-of-turn.
    const std::vector<int32_t>& stop_ids() const { return stop_ids_; }
    int64_t parameter_count() const { return parameter_count_; }

    // A model that shares `base`'s files, tokenizer, embeddings, final norm and lm_head but runs other
    // decoder layers (a quantization result). `base` must outlive nothing: the files are shared.
    static std::shared_ptr<Model> derive(const Model& base, std::vector<LayerWeights> layers,
                                         std::optional<AwqQuantConfig> quantization);

    // A model assembled in memory (synthetic benches): no files, no tokenizer (tokenizer() must not be
    // called), `label` as its folder. Borrowed weight data must outlive the model.
    static std::shared_ptr<Model> in_memory(ModelConfig config, ModelWeights weights, std::filesystem::path label);

private:
    Model() = default;
    std::filesystem::path folder_;
    ModelConfig config_;
    TensorStore store_;
    std::shared_ptr<const Tokenizer> tokenizer_;
    ChatTemplate chat_;
    ModelWeights weights_;
    std::vector<int32_t> stop_ids_;
    int64_t parameter_count_ = 0;
    bool from_folder_ = false;
};

// Builds the Linear for `<prefix>.weight` (+ `.bias`) in a store: dense, or INT4 when the store holds
// AutoAWQ GEMM tensors (`<prefix>.qweight/.qzeros/.scales`). Used by the loader and by tests.
std::unique_ptr<Linear> load_linear(const TensorStore& store, const std::string& prefix, int64_t in_features,
                                    int64_t out_features, const ModelConfig& config);

}  // namespace awq
