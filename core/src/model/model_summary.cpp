// SPDX-License-Identifier: MIT
#include <awq/model/int4_linear.hpp>
#include <awq/model/model_summary.hpp>

#include <cstdio>

namespace awq {

std::string human_bytes(uint64_t bytes) {
    const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = double(bytes);
    int u = 0;
    while (v >= 1024 && u < 4) {
        v /= 1024;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    return buf;
}

namespace {

// Parameters a tensor stands for: packed INT4 int32 words hold 8 each.
int64_t parameters_of(const TensorView& t, bool quantized) {
    const bool packed = quantized && t.dtype == DType::I32 &&
                        (t.name.ends_with(".qweight") || t.name.ends_with(".qzeros"));
    if (t.name.ends_with(".qzeros") || (quantized && t.name.ends_with(".scales"))) return 0;  // metadata
    return packed ? t.numel() * 8 : t.numel();
}

}  // namespace

ModelSummary summarize(const Model& model) {
    const ModelConfig& c = model.config();
    ModelSummary s;
    s.folder = model.folder().string();
    s.model_type = c.model_type;
    s.architecture = c.architectures.empty() ? c.model_type : c.architectures.front();
    s.layers = c.num_hidden_layers;
    s.hidden_size = c.hidden_size;
    s.intermediate_size = c.intermediate_size;
    s.heads = c.num_attention_heads;
    s.kv_heads = c.num_key_value_heads;
    s.head_dim = c.head_dim;
    s.vocab_size = c.vocab_size;
    s.max_context = c.max_position_embeddings;
    s.quantized = model.is_quantized();
    if (c.quantization) {
        s.quant_bits = c.quantization->bits;
        s.quant_group_size = c.quantization->group_size;
    }
    int64_t linear_params = 0;
    for (const auto& name : model.tensors().names()) {
        const TensorView& t = model.tensors().get(name);
        const int64_t p = parameters_of(t, s.quantized);
        s.parameters += p;
        if (p > 0) s.dtype_params[std::string(t.name.ends_with(".qweight") ? "INT4" : dtype_name(t.dtype))] += p;
        const bool is_linear = name.starts_with("model.layers.") &&
                               (name.ends_with("_proj.weight") || name.ends_with("_proj.qweight"));
        if (is_linear) linear_params += p;
        s.bytes_on_disk += t.nbytes;
    }
    s.fp16_bytes = uint64_t(s.parameters) * 2;
    // w4 g128: half a byte per weight plus an FP16 scale and a 4-bit zero per 128 weights.
    const double per_weight = 0.5 + (2.0 + 0.5) / 128.0;
    s.int4_bytes = uint64_t(double(linear_params) * per_weight) + uint64_t(s.parameters - linear_params) * 2;
    s.tokenizer = model.tokenizer().kind_name();
    s.chat_family = model.chat_template().description();
    return s;
}

WeightPrecision weight_precision(const Model& m) {
    const ModelWeights& w = m.weights();
    double int4 = 0, total = double(w.embedding.rows) * double(w.embedding.dim);
    const auto count = [&](const Linear* l) {
        const double n = double(l->in_features()) * double(l->out_features());
        total += n;
        if (dynamic_cast<const Int4Linear*>(l)) int4 += n;
    };
    for (const LayerWeights& l : w.layers)
        for (const Linear* lin : {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(), l.gate_proj.get(),
                                  l.up_proj.get(), l.down_proj.get()})
            count(lin);
    if (w.lm_head && !w.lm_head_tied) count(w.lm_head.get());
    return {total > 0 ? int4 / total : 0.0, std::string(dtype_name(w.embedding.dtype))};
}

}  // namespace awq
