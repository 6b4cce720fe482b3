// SPDX-License-Identifier: MIT
#pragma once
// End-to-end decoder benchmark (see e2e_bench.cpp): a synthetic Llama with 7B shapes and random weights
// made on the device, run by awq::cuda::ModelRunner in FP16 (cuBLAS) and INT4 (gemv_int4 / gemm_int4).
// Host C++20, part of the awq_gpu library; awq_kernel_bench --e2e runs it.
#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace awq::cuda {

struct E2eBenchOptions {
    // Llama-2-7B shapes.
    int64_t vocab = 32000, hidden = 4096, intermediate = 11008, layers = 32, heads = 32, kv_heads = 32,
            head_dim = 128;
    std::vector<int> prefill_lengths = {512, 2048};
    int prefill_warmup = 1, prefill_reps = 3;        // median of reps, each from an empty cache
    int decode_prompt = 128;                          // decode starts after a prompt of this many tokens
    int decode_warmup = 4, decode_steps = 64;         // median of steps single-token feeds
    int group = 128;                                  // INT4 group size
    bool fp16 = true, int4 = true;                    // which weight kinds to run
    bool int4_overlap = true;  // INT4 once more with RunnerOptions::overlap_launches ("int4-g128+overlap")
    uint64_t seed = 1;
};

struct E2ePrefill {
    int tokens = 0;
    double ms = 0, tokens_per_s = 0;
};

struct E2eBenchRow {
    std::string weights;                 // ModelRunner::weights_kind(): "fp16", "int4-g128"
    double load_s = 0;                   // making the random weights and allocating (wall clock)
    double decode_ms = 0, decode_tokens_per_s = 0;              // CUDA graph replay (the runner's default)
    double decode_plain_ms = 0, decode_plain_tokens_per_s = 0;  // the same steps launched one by one
    bool decode_graph = false;           // decode_ms did replay a graph (else graph_note says why not)
    std::string graph_note;
    size_t graph_nodes = 0;              // nodes of the decode graph: the launches of one token
    double decode_weight_gbps = 0;       // weight bytes / decode time (graph): how close decode is to a DRAM stream
    std::vector<E2ePrefill> prefill;
    size_t weight_bytes = 0, kv_cache_bytes = 0, scratch_bytes = 0;
    size_t gpu_used_bytes = 0;           // free before construction - least free seen while it lived
};

struct E2eBenchResult {
    std::string device;
    int64_t max_context = 0;
    std::vector<E2eBenchRow> rows;
};

// Prints a table to `out`; returns 0, or 1 after printing the error (awq::Error from the runner).
int run_e2e_bench(const E2eBenchOptions& options, std::ostream& out, E2eBenchResult* result = nullptr);

// The result as one JSON object (shape, settings, one entry per weight kind).
std::string e2e_bench_json(const E2eBenchOptions& options, const E2eBenchResult& result);

}  // namespace awq::cuda
