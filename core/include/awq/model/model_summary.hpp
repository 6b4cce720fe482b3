// SPDX-License-Identifier: MIT
#pragma once
// What `awq inspect` and the GUI's Model page show about a model folder.
#include <awq/model/model.hpp>

#include <cstdint>
#include <map>
#include <string>

namespace awq {

struct ModelSummary {
    std::string folder;
    std::string model_type;
    std::string architecture;  // architectures[0]
    int64_t layers = 0, hidden_size = 0, intermediate_size = 0, heads = 0, kv_heads = 0, head_dim = 0;
    int64_t vocab_size = 0, max_context = 0;
    int64_t parameters = 0;                     // counted from the weights (INT4 codes count as parameters)
    std::map<std::string, int64_t> dtype_params;  // "BF16" -> count, ...
    uint64_t bytes_on_disk = 0;                 // weight files
    uint64_t fp16_bytes = 0;                    // all parameters at 2 bytes
    uint64_t int4_bytes = 0;                    // estimate after AWQ w4 g128 (embeddings/lm_head stay FP16)
    std::string tokenizer;                      // "byte-level BPE", ...
    std::string chat_family;
    bool quantized = false;
    int quant_bits = 0, quant_group_size = 0;
};

ModelSummary summarize(const Model& model);

// How a model in memory holds its weights: the share of all weight parameters (embedding, decoder
// linears, lm_head unless tied to the embedding; norms are negligible and left out) that run as INT4, and
// the dtype of the rest (the embedding's, which unquantized linears keep: "BF16").
struct WeightPrecision {
    double int4_fraction = 0;
    std::string rest_dtype;
};
WeightPrecision weight_precision(const Model& model);
std::string human_bytes(uint64_t bytes);  // "12.3 MiB"

}  // namespace awq
