// SPDX-License-Identifier: MIT
#pragma once
// The cost of a quantization run before it starts: peak host memory, peak GPU memory and time, from a model
// of the work quantize_model does (what it holds at once, which forwards and products it runs per layer).
// Memory is counted from the buffers the engines allocate; time is the run's floating-point operations
// divided by throughputs measured on real runs (docs/benchmarks.md, "Run estimate vs measured"). Each
// figure comes with the terms that make it, so that a tooltip or the docs can show where it comes from.
#include <awq/model/config.hpp>
#include <awq/quant/awq_settings.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace awq {

enum class EstimateDevice { Cpu, Cuda };

// What the run will be given.
struct RunShape {
    ModelConfig config;
    int64_t blocks = 0;      // calibration blocks
    int64_t block_len = 0;   // tokens per block
    AwqSettings settings;    // rtn, error_feedback, sensitivity, grid, search blocks, clip, group size, threads
    EstimateDevice device = EstimateDevice::Cpu;
    int cpu_cores = 0;       // cores the CPU engine may use (0: settings.threads, else this machine's)
};

struct EstimateTerm {
    std::string what;    // a fixed label ("calibration activations", "search gate_up", ...): the GUI translates it
    double amount = 0;   // bytes or seconds
    int64_t tokens = 0;  // the calibration tokens the term is for, shown after the label (0: none)
};

// "calibration activations (18944 tokens)": the label with its token count, as the CLI prints it.
std::string term_text(const EstimateTerm& t);

struct RunEstimate {
    uint64_t host_bytes = 0;          // peak resident memory of the process, mapped model pages included
    uint64_t host_required_bytes = 0; // of it, what cannot be dropped and re-read: host_bytes less the
                                      // model's mapped weights beyond the layer in use (the fit check's figure)
    std::string host_phase;           // when the peak comes: "last layer" or "export"
    std::vector<EstimateTerm> host_terms;  // sum to host_bytes
    uint64_t gpu_bytes = 0;           // device memory (cuda runs; 0 on the CPU)
    std::vector<EstimateTerm> gpu_terms;
    double seconds = 0;
    std::vector<EstimateTerm> time_terms;  // by stage, as the report's "time by stage"
    double flops = 0;                 // the arithmetic the time is computed from
};

// The throughputs the time is computed from (calibrated in docs/benchmarks.md).
struct EstimateRates {
    double cpu_flops_per_core;        // dense products and layer forwards, per core
    double cpu_clip_flops_per_core;   // the clip search's group-wise products (inner dimension = group size)
    double gpu_flops;                 // FP32 products on the GPU (an H100)
    double gpu_clip_flops;
    double io_bytes_per_second;       // loading, tokenizing and the export, per byte of model weights
    double gpu_context_bytes;         // CUDA context and cuBLAS workspace
    double host_base_bytes;           // the program, tokenizer and calibration text
};
const EstimateRates& estimate_rates();

// Throws InvalidArgument for an empty calibration or a config without layers.
RunEstimate estimate_run(const RunShape& shape);

// Bytes of the model's weight files as config.json describes them (parameters × the dtype's width).
uint64_t model_weight_bytes(const ModelConfig& c);

// What to change when the run does not fit.
struct FitSuggestion {
    enum class Kind { FewerBlocks, UseGpu, UseCpu, FreeMemory };
    Kind kind = Kind::FreeMemory;
    int64_t blocks = 0;  // FewerBlocks: the most calibration blocks that fit (0: none do)
};

struct FitCheck {
    bool host_fits = true;
    bool gpu_fits = true;     // always true on the CPU, or when the GPU's memory is unknown (0)
    uint64_t host_available = 0, gpu_available = 0;
    std::vector<FitSuggestion> suggestions;  // empty when it fits
    bool fits() const { return host_fits && gpu_fits; }
};

// Whether `shape` fits in `host_available` bytes of memory (MemAvailable) and, for cuda, `gpu_available`
// bytes of device memory (0: unknown, not checked). A GPU known to be present (gpu_present) is suggested
// when a CPU run does not fit and a GPU run would.
FitCheck check_fit(const RunShape& shape, const RunEstimate& e, uint64_t host_available, uint64_t gpu_available = 0,
                   bool gpu_present = false);

// MemAvailable of /proc/meminfo text, in bytes; FormatError naming `source` when missing or malformed.
uint64_t parse_mem_available(const std::string& meminfo_text, const std::string& source);
// This machine's MemAvailable; nullopt where /proc/meminfo cannot be read (not Linux).
std::optional<uint64_t> host_memory_available();

// One line for the CLI: "estimate: ~6.1 min, peak memory 1.3 GiB (host)" [", 17.2 GiB GPU"].
std::string estimate_line(const RunEstimate& e);
// The warning and suggestions in English (the CLI's; the GUI words its own).
std::string fit_warning(const RunShape& shape, const RunEstimate& e, const FitCheck& f);
// "12 min" / "45 s" / "1.5 h".
std::string human_duration(double seconds);

}  // namespace awq
