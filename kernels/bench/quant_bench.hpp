// SPDX-License-Identifier: MIT
#pragma once
// GPU quantization benchmark (see quant_bench.cpp): awq::cuda::quantize_model_gpu on a synthetic
// Llama-2-7B-shaped model built in host memory. awq_kernel_bench --quant runs it.
#include <cstdint>
#include <ostream>
#include <string>

namespace awq::cuda {

struct QuantBenchOptions {
    // Llama-2-7B shapes.
    int64_t vocab = 32000, hidden = 4096, intermediate = 11008, layers = 32, heads = 32, kv_heads = 32,
            head_dim = 128;
    int64_t quant_layers = 0;  // > 0: build and quantize only this many layers (a partial run, said so)
    // Calibration: random token ids, blocks x block_len. 64 x 512 is what AutoAWQ's default (128 pileval
    // samples of <= 512 tokens, concatenated and cut into 512-token blocks) typically yields.
    int64_t blocks = 64, block_len = 512;
    int64_t search_blocks = 0;  // AwqSettings::search_blocks (0: all blocks, the default)
    bool tf32 = false;
    uint64_t seed = 1;
};

// Prints per-layer seconds, the total and the GPU memory peak to `out`; returns 0, or 1 after printing
// the error.
int run_quant_bench(const QuantBenchOptions& options, std::ostream& out);

}  // namespace awq::cuda
