// SPDX-License-Identifier: MIT
// awq inspect MODEL_DIR [--json]
#include "commands.hpp"

#include <awq/model/model_summary.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace awq::cli {

const CommandSpec& inspect_spec() {
    static const CommandSpec spec{
        "inspect", "MODEL_DIR [--json]",
        "Describe a model folder: architecture, parameters, dtypes, sizes, tokenizer, chat template.",
        {"MODEL_DIR"},
        {{"--json", "", "print the summary as JSON"}}};
    return spec;
}

int run_inspect(const Args& args) {
    const auto model = Model::load(args.positional(0));
    const ModelSummary s = summarize(*model);
    if (args.flag("--json")) {
        nlohmann::json j = {{"folder", s.folder},
                            {"model_type", s.model_type},
                            {"architecture", s.architecture},
                            {"layers", s.layers},
                            {"hidden_size", s.hidden_size},
                            {"intermediate_size", s.intermediate_size},
                            {"attention_heads", s.heads},
                            {"kv_heads", s.kv_heads},
                            {"head_dim", s.head_dim},
                            {"vocab_size", s.vocab_size},
                            {"max_context", s.max_context},
                            {"parameters", s.parameters},
                            {"dtype_parameters", s.dtype_params},
                            {"bytes_on_disk", s.bytes_on_disk},
                            {"fp16_bytes", s.fp16_bytes},
                            {"int4_bytes_estimate", s.int4_bytes},
                            {"tokenizer", s.tokenizer},
                            {"chat_template", s.chat_family},
                            {"quantized", s.quantized}};
        if (s.quantized) j["quantization"] = {{"bits", s.quant_bits}, {"group_size", s.quant_group_size}};
        std::cout << j.dump(2) << "\n";
        return 0;
    }
    std::printf("Model          %s\n", s.folder.c_str());
    std::printf("Architecture   %s (%s)\n", s.architecture.c_str(), s.model_type.c_str());
    std::printf("Layers         %lld, hidden %lld, MLP %lld\n", (long long)s.layers, (long long)s.hidden_size,
                (long long)s.intermediate_size);
    std::printf("Attention      %lld heads, %lld KV heads (GQA %lldx), head dim %lld\n", (long long)s.heads,
                (long long)s.kv_heads, (long long)(s.kv_heads ? s.heads / s.kv_heads : 0), (long long)s.head_dim);
    std::printf("Vocabulary     %lld, context %lld\n", (long long)s.vocab_size, (long long)s.max_context);
    std::printf("Parameters     %.2f M", double(s.parameters) / 1e6);
    for (const auto& [dt, n] : s.dtype_params) std::printf("  [%s %.2f M]", dt.c_str(), double(n) / 1e6);
    std::printf("\nWeights        %s on disk; %s at FP16, about %s at INT4 (w4 g128)\n",
                human_bytes(s.bytes_on_disk).c_str(), human_bytes(s.fp16_bytes).c_str(),
                human_bytes(s.int4_bytes).c_str());
    std::printf("Tokenizer      %s\n", s.tokenizer.c_str());
    std::printf("Chat template  %s\n", s.chat_family.c_str());
    if (s.quantized)
        std::printf("Quantized      AWQ w%d g%d\n", s.quant_bits, s.quant_group_size);
    else
        std::printf("Quantized      no\n");
    return 0;
}

}  // namespace awq::cli
