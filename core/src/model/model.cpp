// SPDX-License-Identifier: MIT
// Model::load, model folder -> Model: config, mapped weights per layer (shapes checked against the config),
// tokenizer, chat template and the ids that stop generation.
#include <awq/model/int4_linear.hpp>
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/int4/awq_pack.hpp>
#include <awq/model/model.hpp>

#include <nlohmann/json.hpp>

#include <cmath>
#include <set>

namespace awq {

namespace fs = std::filesystem;

namespace {

std::string shape_of(const std::vector<int64_t>& s) {
    std::string r = "[";
    for (size_t i = 0; i < s.size(); ++i) r += (i ? ", " : "") + std::to_string(s[i]);
    return r + "]";
}

const TensorView& expect_tensor(const TensorStore& store, const std::string& name, std::vector<int64_t> shape) {
    const TensorView& t = store.get(name);
    if (t.shape != shape)
        throw FormatError(t.file.string() + ": tensor '" + name + "' has shape " + shape_of(t.shape) +
                          ", config.json implies " + shape_of(shape));
    return t;
}

std::vector<float> load_vector(const TensorStore& store, const std::string& name, int64_t n) {
    return expect_tensor(store, name, {n}).to_f32();
}

void add_ids(const nlohmann::json& v, std::set<int32_t>& out) {
    if (v.is_number_integer()) out.insert(v.get<int32_t>());
    if (v.is_array())
        for (const auto& e : v)
            if (e.is_number_integer()) out.insert(e.get<int32_t>());
}

std::vector<int32_t> collect_stop_ids(const fs::path& folder, const ModelConfig& cfg, const Tokenizer& tok,
                                      const ChatTemplate& chat) {
    std::set<int32_t> ids;
    for (int64_t id : cfg.eos_token_ids) ids.insert(int32_t(id));
    const fs::path gen = folder / "generation_config.json";
    if (fs::exists(gen)) {
        const auto j = nlohmann::json::parse(read_text_file(gen, 1 << 20), nullptr, false);
        if (j.is_discarded()) throw FormatError(gen.string() + ": not valid JSON");
        if (j.contains("eos_token_id")) add_ids(j["eos_token_id"], ids);
    }
    for (const std::string& t : chat.end_of_turn_tokens())
        if (auto id = tok.token_to_id(t)) ids.insert(*id);
    if (!chat.eos_token.empty())
        if (auto id = tok.token_to_id(chat.eos_token)) ids.insert(*id);
    return {ids.begin(), ids.end()};
}

const TensorView& expect_dtype(const TensorView& t, DType dtype) {
    if (t.dtype != dtype)
        throw FormatError(t.file.string() + ": tensor '" + t.name + "' has dtype " + std::string(dtype_name(t.dtype)) +
                          ", an AWQ GEMM checkpoint stores it as " + std::string(dtype_name(dtype)));
    if (t.shape.size() != 2) throw FormatError(t.file.string() + ": tensor '" + t.name + "' must be 2-D");
    return t;
}

// An AutoAWQ GEMM linear: qweight/qzeros int32, scales fp16, repacked for the CPU INT4 kernels.
std::unique_ptr<Linear> load_awq_linear(const TensorStore& store, const std::string& prefix, int64_t in_features,
                                        int64_t out_features, const ModelConfig& config) {
    if (!config.quantization)
        throw FormatError(store.folder().string() + ": '" + prefix +
                          ".qweight' found but config.json has no AWQ quantization_config");
    if (config.quantization->bits != 4 || config.quantization->version != "gemm")
        throw Unsupported(store.folder().string() + ": only 4-bit AWQ GEMM checkpoints are supported (bits " +
                          std::to_string(config.quantization->bits) + ", version '" + config.quantization->version + "')");
    const TensorView& qw = expect_dtype(store.get(prefix + ".qweight"), DType::I32);
    const TensorView& qz = expect_dtype(store.get(prefix + ".qzeros"), DType::I32);
    const TensorView& sc = expect_dtype(store.get(prefix + ".scales"), DType::F16);
    if (qw.shape[0] != in_features || qw.shape[1] * 8 != out_features)
        throw FormatError(qw.file.string() + ": tensor '" + qw.name + "' has shape " + qw.shape_string() + ", expected [" +
                          std::to_string(in_features) + ", " + std::to_string(out_features / 8) + "]");
    const int64_t group = config.quantization->group_size > 0 ? config.quantization->group_size : in_features;
    AwqGemmView v;
    v.qweight = qw.data;
    v.qweight_rows = qw.shape[0];
    v.qweight_cols = qw.shape[1];
    v.qzeros = qz.data;
    v.qzeros_rows = qz.shape[0];
    v.qzeros_cols = qz.shape[1];
    v.scales_f16 = sc.data;
    v.scales_rows = sc.shape[0];
    v.scales_cols = sc.shape[1];
    v.group = group;
    std::vector<float> bias;
    if (const TensorView* b = store.find(prefix + ".bias")) bias = load_vector(store, b->name, out_features);
    return std::make_unique<Int4Linear>(Int4Matrix::from_awq_gemm(v, qw.file.string() + ": " + prefix), std::move(bias));
}

}  // namespace

void EmbeddingTable::lookup(int32_t id, float* out) const {
    if (id < 0 || id >= rows)
        throw InvalidArgument("token id " + std::to_string(id) + " is outside the vocabulary (" +
                              std::to_string(rows) + " rows)");
    convert_to_f32(dtype, static_cast<const std::byte*>(data) + size_t(id) * size_t(dim) * dtype_size(dtype), out,
                   size_t(dim));
}

size_t ModelWeights::bytes() const {
    size_t total = size_t(embedding.rows * embedding.dim) * dtype_size(embedding.dtype);
    for (const auto& l : layers) {
        for (const Linear* lin : {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(),
                                  l.gate_proj.get(), l.up_proj.get(), l.down_proj.get()})
            total += lin->weight_bytes();
        total += (l.input_norm.size() + l.post_attention_norm.size() + l.q_norm.size() + l.k_norm.size()) *
                 sizeof(float);
    }
    total += final_norm.size() * sizeof(float);
    if (lm_head && !lm_head_tied) total += lm_head->weight_bytes();
    return total;
}

std::unique_ptr<Linear> load_linear(const TensorStore& store, const std::string& prefix, int64_t in_features,
                                    int64_t out_features, const ModelConfig& config) {
    if (store.contains(prefix + ".qweight")) return load_awq_linear(store, prefix, in_features, out_features, config);
    const TensorView& w = expect_tensor(store, prefix + ".weight", {out_features, in_features});
    std::vector<float> bias;
    if (const TensorView* b = store.find(prefix + ".bias")) bias = load_vector(store, b->name, out_features);
    if (w.dtype != DType::F32 && w.dtype != DType::F16 && w.dtype != DType::BF16)
        throw Unsupported(w.file.string() + ": tensor '" + w.name + "' has dtype " +
                          std::string(dtype_name(w.dtype)) + "; weights must be F32, F16 or BF16");
    return std::make_unique<DenseLinear>(w.dtype, w.data, in_features, out_features, std::move(bias));
}

std::shared_ptr<Model> Model::load(const fs::path& folder) {
    std::shared_ptr<Model> m(new Model());
    m->folder_ = folder;
    m->from_folder_ = true;
    if (!fs::is_directory(folder)) throw FileError(folder.string() + ": not a folder");
    m->config_ = load_model_config(folder / "config.json");
    const ModelConfig& c = m->config_;
    m->store_ = TensorStore::open_folder(folder);
    m->tokenizer_ = std::make_shared<const Tokenizer>(Tokenizer::from_file(folder / "tokenizer.json"));
    m->chat_ = load_chat_template(folder);
    const TensorStore& s = m->store_;

    const TensorView& emb = s.get("model.embed_tokens.weight");
    if (emb.shape.size() != 2 || emb.shape[1] != c.hidden_size)
        throw FormatError(emb.file.string() + ": model.embed_tokens.weight has shape " + emb.shape_string() +
                          ", expected [vocab_size, " + std::to_string(c.hidden_size) + "]");
    if (emb.shape[0] != c.vocab_size)
        throw FormatError(emb.file.string() + ": the embedding has " + std::to_string(emb.shape[0]) +
                          " rows but config.json says vocab_size " + std::to_string(c.vocab_size));
    if (m->tokenizer_->vocab_size() > c.vocab_size)
        throw FormatError((folder / "tokenizer.json").string() + ": the tokenizer has " +
                          std::to_string(m->tokenizer_->vocab_size()) + " tokens, more than the model's " +
                          std::to_string(c.vocab_size) + " embedding rows");
    m->weights_.embedding = {emb.dtype, emb.data, emb.shape[0], emb.shape[1]};
    if (emb.dtype != DType::F32 && emb.dtype != DType::F16 && emb.dtype != DType::BF16)
        throw Unsupported(emb.file.string() + ": the embedding must be F32, F16 or BF16");

    const int64_t H = c.hidden_size, I = c.intermediate_size;
    for (int64_t i = 0; i < c.num_hidden_layers; ++i) {
        const std::string p = "model.layers." + std::to_string(i) + ".";
        LayerWeights L;
        L.q_proj = load_linear(s, p + "self_attn.q_proj", H, c.q_dim(), c);
        L.k_proj = load_linear(s, p + "self_attn.k_proj", H, c.kv_dim(), c);
        L.v_proj = load_linear(s, p + "self_attn.v_proj", H, c.kv_dim(), c);
        L.o_proj = load_linear(s, p + "self_attn.o_proj", c.q_dim(), H, c);
        L.gate_proj = load_linear(s, p + "mlp.gate_proj", H, I, c);
        L.up_proj = load_linear(s, p + "mlp.up_proj", H, I, c);
        L.down_proj = load_linear(s, p + "mlp.down_proj", I, H, c);
        L.input_norm = load_vector(s, p + "input_layernorm.weight", H);
        L.post_attention_norm = load_vector(s, p + "post_attention_layernorm.weight", H);
        if (c.qk_norm) {
            L.q_norm = load_vector(s, p + "self_attn.q_norm.weight", c.head_dim);
            L.k_norm = load_vector(s, p + "self_attn.k_norm.weight", c.head_dim);
        }
        m->weights_.layers.push_back(std::move(L));
    }
    m->weights_.final_norm = load_vector(s, "model.norm.weight", H);
    if (s.contains("lm_head.weight") && !c.tie_word_embeddings) {
        m->weights_.lm_head = load_linear(s, "lm_head", H, c.vocab_size, c);
    } else if (c.tie_word_embeddings) {
        m->weights_.lm_head = std::make_unique<DenseLinear>(emb.dtype, emb.data, H, c.vocab_size);
        m->weights_.lm_head_tied = true;
    } else {
        throw FormatError(folder.string() + ": lm_head.weight is missing and tie_word_embeddings is false");
    }
    for (const auto& name : s.names()) {
        const TensorView& t = s.get(name);
        m->parameter_count_ += t.numel();
    }
    m->stop_ids_ = collect_stop_ids(folder, c, *m->tokenizer_, m->chat_);
    return m;
}

std::shared_ptr<Model> Model::derive(const Model& base, std::vector<LayerWeights> layers,
                                     std::optional<AwqQuantConfig> quantization) {
    if (int64_t(layers.size()) != base.config_.num_hidden_layers)
        throw InvalidArgument("derive: layer count differs from the base model");
    std::shared_ptr<Model> m(new Model());
    m->folder_ = base.folder_;
    m->config_ = base.config_;
    m->config_.quantization = std::move(quantization);
    m->store_ = base.store_;  // shares the mapped files
    m->tokenizer_ = base.tokenizer_;
    m->chat_ = base.chat_;
    m->stop_ids_ = base.stop_ids_;
    m->parameter_count_ = base.parameter_count_;
    const ModelWeights& bw = base.weights_;
    m->weights_.embedding = bw.embedding;
    m->weights_.final_norm = bw.final_norm;
    m->weights_.layers = std::move(layers);
    const auto* head = dynamic_cast<const DenseLinear*>(bw.lm_head.get());
    if (!head) throw Unsupported("derive: the base model's lm_head is not a dense layer");
    m->weights_.lm_head = std::make_unique<DenseLinear>(head->dtype(), head->data(), head->in_features(),
                                                        head->out_features(), head->bias());
    m->weights_.lm_head_tied = bw.lm_head_tied;
    return m;
}

std::shared_ptr<Model> Model::in_memory(ModelConfig config, ModelWeights weights, std::filesystem::path label) {
    if (int64_t(weights.layers.size()) != config.num_hidden_layers)
        throw InvalidArgument("in_memory: the weights have " + std::to_string(weights.layers.size()) +
                              " layers, the config " + std::to_string(config.num_hidden_layers));
    std::shared_ptr<Model> m(new Model());
    m->folder_ = std::move(label);
    m->config_ = std::move(config);
    m->weights_ = std::move(weights);
    return m;
}

}  // namespace awq
