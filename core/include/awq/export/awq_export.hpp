// SPDX-License-Identifier: MIT
#pragma once
// Writes a quantization result as an AutoAWQ "GEMM" checkpoint that vLLM and Hugging Face transformers
// load: per quantized linear `qweight` int32 [in, out/8], `qzeros` int32 [in/group, out/8], `scales` fp16
// [in/group, out] (+ `bias` fp16); embeddings, norms and lm_head in fp16; config.json with
// quantization_config; tokenizer files copied. All-or-nothing: written into a temporary folder beside the
// destination and renamed into place when complete.
#include <awq/quant/quantize_model.hpp>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>

namespace awq {

struct ExportOptions {
    uint64_t max_shard_bytes = 5'000'000'000ull;  // HF's default 5 GB shards
    bool overwrite = false;                       // replace an existing destination folder
    // Further files written into the folder before it is renamed into place (e.g. the run's report), so a
    // finished output is always complete.
    std::map<std::string, std::string> extra_files;
};

struct ExportSummary {
    std::filesystem::path folder;
    uint64_t bytes = 0;  // all weight files
    int shards = 0;
};

// Checks that `out` can be written: not the model folder itself, parent exists and is writable, and either
// absent or allowed to be overwritten. Throws FileError/InvalidArgument with the reason.
void check_export_destination(const std::filesystem::path& model_folder, const std::filesystem::path& out,
                              bool overwrite);

ExportSummary export_awq_gemm(const QuantizationResult& result, const std::filesystem::path& out,
                              const ExportOptions& options = {});

}  // namespace awq
