// SPDX-License-Identifier: MIT
// awq bench [--model DIR] [--int4-model DIR]: CPU memory bandwidth, INT4 matrix-vector kernel throughput, FP vs
// INT4 decode speed and weight memory (INT4: an AWQ checkpoint of the model as loaded, or RTN in memory).
// awq bench --device cuda: the GPU benchmarks inside the CUDA plugin (kernel table vs cuBLAS, end-to-end
// synthetic 7B model; kernels/bench/bench_cli.hpp), the same as the build tree's awq_kernel_bench.
// Medians of repeated runs; ratios are taken within the same run because the machines are shared and noisy.
#include "commands.hpp"
#include "device_option.hpp"

#include <awq/cpu/cpu_features.hpp>
#include <awq/int4/int4_matrix.hpp>
#include <awq/error.hpp>
#include <awq/io/safetensors.hpp>
#include <awq/model/linear.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/runtime/generate.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <nlohmann/json.hpp>
#include <omp.h>


#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <random>
#include <thread>

namespace awq::cli {

const CommandSpec& bench_spec() {
    static const CommandSpec spec{
        "bench", "[--model DIR] [--int4-model DIR] [--decode-tokens N] [--json FILE] [--quick] [--device cpu|cuda]",
        "Benchmarks: memory bandwidth, INT4 matrix-vector GB/s, FP vs INT4 decode tokens/s and weight memory.\n"
        "With --device cuda: the INT4 kernels against cuBLAS FP16 at Llama shapes, then a synthetic 7B model's\n"
        "decode and prefill tokens/s and GPU memory, FP16 vs INT4 (or the GPU quantization with --gpu-quant).",
        {},
        {{"--model", "DIR", "model for the decode benchmark (default: the bundled model)"},
         {"--int4-model", "DIR", "load this AWQ checkpoint of --model as the INT4 model (default: RTN in memory)"},
         {"--decode-tokens", "N", "tokens generated to measure decode speed (default 64)"},
         {"--json", "FILE", "also write the results as JSON"},
         {"--quick", "", "fewer repetitions (with --device cuda: one kernel shape, a shorter end-to-end run)"},
         {"--device", "D", "cpu (default) or cuda"},
         {"--algos", "", "with --device cuda: also time every INT4 kernel version"},
         {"--shapes", "KxN,...", "with --device cuda: the linear shapes (default: Llama-7B/8B's)"},
         {"--ms", "M,...", "with --device cuda: the token counts (default 1,4,16,64,256,1024,4096)"},
         {"--gpu-quant", "", "with --device cuda: time the GPU quantization of a synthetic 7B model instead"}}};
    return spec;
}

namespace {

using clock_type = std::chrono::steady_clock;

// Median of `reps` timed calls of fn after one warm-up; `untimed` (if given) runs before each timed call.
double median_seconds(int reps, const std::function<void()>& fn, const std::function<void()>& untimed = {}) {
    std::vector<double> t;
    fn();  // warm-up
    for (int i = 0; i < reps; ++i) {
        if (untimed) untimed();
        const auto t0 = clock_type::now();
        fn();
        t.push_back(std::chrono::duration<double>(clock_type::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

// A buffer far larger than the caches: reading it measures DRAM bandwidth, and reading it before a timed
// kernel evicts the kernel's weights, which is the decode situation of any model larger than the caches
// (without it a 4096 x 4096 INT4 matrix, 8 MiB, is served from a large L3 and beats DRAM bandwidth).
struct LargeBuffer {
    std::vector<float> data = std::vector<float>(size_t(256) << 20 >> 2, 1.0f);  // 256 MiB
    // 16 independent running sums per thread: one running float sum is bound by the add latency
    // (~6 GB/s on two cores), not by memory, and the compiler may not reorder it without -ffast-math.
    float sum() const {
        constexpr size_t L = 16;
        float total = 0;
#pragma omp parallel reduction(+ : total)
        {
            float acc[L] = {};
#pragma omp for schedule(static)
            for (size_t b = 0; b < data.size() / L; ++b)
                for (size_t l = 0; l < L; ++l) acc[l] += data[b * L + l];
            for (float v : acc) total += v;
        }
        return total;
    }
};

double read_bandwidth_gbps(const LargeBuffer& buf, int reps) {
    volatile float sink = 0;
    const double s = median_seconds(reps, [&] { sink = buf.sum(); });
    (void)sink;
    return double(buf.data.size() * sizeof(float)) / s / 1e9;
}

struct GemvRow {
    int64_t in, out;
    double int4_gbps, int4_us, dense_bf16_us, ratio;
};

GemvRow bench_gemv(int64_t in, int64_t out, int reps, const LargeBuffer& evict) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> d(-1, 1);
    std::vector<float> w(static_cast<size_t>(in * out)), x(static_cast<size_t>(in)), y(static_cast<size_t>(out));
    for (auto& v : w) v = d(rng);
    for (auto& v : x) v = d(rng);
    const Int4Matrix m = repack_for_cpu(quantize(w.data(), out, in, QuantParams{}));
    std::vector<uint16_t> bf(w.size());
    for (size_t i = 0; i < w.size(); ++i) bf[i] = f32_to_bf16(w[i]);
    const DenseLinear dense(DType::BF16, bf.data(), in, out);
    volatile float sink = 0;
    const auto flush = [&] { sink = evict.sum(); };
    const double t4 = median_seconds(reps, [&] { int4_gemv(m, x.data(), y.data()); }, flush);
    const double tb = median_seconds(reps, [&] { dense.forward(x.data(), 1, y.data()); }, flush);
    (void)sink;
    return {in, out, double(m.bytes()) / t4 / 1e9, t4 * 1e6, tb * 1e6, tb / t4};
}

struct DecodeRow {
    std::string name, kind;
    double tokens_per_second;
    uint64_t weight_bytes, linear_bytes;
};

uint64_t linear_bytes(const Model& m) {
    uint64_t b = 0;
    for (const auto& l : m.weights().layers)
        for (const Linear* lin : {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(), l.gate_proj.get(),
                                  l.up_proj.get(), l.down_proj.get()})
            b += lin->weight_bytes();
    return b;
}

DecodeRow bench_decode(const std::string& name, const std::shared_ptr<const Model>& m, int tokens, int reps) {
    std::vector<double> tps;
    for (int i = 0; i < reps; ++i) {
        InferenceSession s(m, 512);
        GenerationOptions o;
        o.max_new_tokens = tokens;
        o.stop_at_eos = false;
        tps.push_back(generate(s, m->tokenizer().encode("And", true), o).decode_tokens_per_second());
    }
    std::sort(tps.begin(), tps.end());
    return {name, m->weights().layers.front().q_proj->kind(), tps[tps.size() / 2], m->weights().bytes(), linear_bytes(*m)};
}

std::string shape_of(const ModelConfig& c) {
    return std::to_string(c.num_hidden_layers) + " layers, hidden " + std::to_string(c.hidden_size) + ", MLP " +
           std::to_string(c.intermediate_size) + ", " + std::to_string(c.num_attention_heads) + "/" +
           std::to_string(c.num_key_value_heads) + " heads, vocab " + std::to_string(c.vocab_size);
}

// The weight ratio compares two forms of one model: --int4-model must be an AWQ checkpoint of --model's shape.
void check_int4_model(const Model& fp, const Model& q) {
    const std::string what = "--int4-model " + q.folder().string() + ": ";
    if (!q.is_quantized()) throw UsageError(what + "not an AWQ checkpoint (config.json has no quantization_config)");
    if (shape_of(q.config()) != shape_of(fp.config()))
        throw UsageError(what + "its shape (" + shape_of(q.config()) + ") differs from --model's (" +
                         shape_of(fp.config()) + ")");
}

struct DecodeModels {
    std::shared_ptr<const Model> fp, int4;
    std::string int4_source;  // "loaded from DIR" or "RTN in memory"
};

// The FP model, and the INT4 one: the --int4-model checkpoint as the loader reads it, or the FP model
// RTN-quantized in memory (the kernels, not the search, are measured here: RTN weights run at the same speed).
DecodeModels decode_models(const Args& args) {
    const std::filesystem::path dir = args.has("--model") ? std::filesystem::path(args.str("--model"))
                                                          : std::filesystem::path(AWQ_RESOURCES_DIR) / "models" / "tiny-llama-kjv";
    DecodeModels d;
    d.fp = Model::load(dir);
    if (args.has("--int4-model")) {
        d.int4 = Model::load(args.str("--int4-model"));
        check_int4_model(*d.fp, *d.int4);
        d.int4_source = "loaded from " + d.int4->folder().string();
        return d;
    }
    CalibrationOptions co;
    co.n_samples = 16;
    co.block_len = 64;
    AwqSettings rtn;
    rtn.rtn = true;
    rtn.error_feedback = false;
    d.int4 = make_quantized_model(quantize_model(d.fp, load_calibration(default_calibration_path(), d.fp->tokenizer(), co),
                                                 rtn), true);
    d.int4_source = "RTN in memory";
    return d;
}

// awq bench --device cuda: the options translated into the GPU benchmark's own (bench_cli.hpp) and run in
// the plugin.
int run_gpu_bench_command(const Args& args) {
    for (const char* cpu_only : {"--model", "--int4-model", "--decode-tokens"})
        if (args.has(cpu_only)) throw UsageError(std::string(cpu_only) + " applies to the CPU benchmark, not --device cuda");
    std::vector<std::string> gpu_args;
    if (args.flag("--gpu-quant")) {
        for (const char* kernel_only : {"--algos", "--shapes", "--ms", "--json"})
            if (args.flag(kernel_only) || args.has(kernel_only))
                throw UsageError(std::string(kernel_only) + " does not apply to --gpu-quant");
        gpu_args.push_back("--quant");
    } else {
        gpu_args.push_back("--e2e");
        if (args.flag("--quick")) gpu_args.push_back("--quick");
        if (args.flag("--algos")) gpu_args.push_back("--algos");
        for (const char* listed : {"--shapes", "--ms", "--json"})
            if (args.has(listed)) gpu_args.insert(gpu_args.end(), {listed, args.str(listed)});
    }
    const GpuStatus gpu = gpu_or_error();
    try {
        run_gpu_bench(gpu, gpu_args, std::cout);
    } catch (const InvalidArgument& e) {
        throw UsageError(e.what());
    }
    return 0;
}

}  // namespace

int run_bench(const Args& args) {
    const std::string device = args.str("--device", "cpu");
    if (device == "cuda") return run_gpu_bench_command(args);
    if (device != "cpu") throw UsageError("--device " + device + ": awq bench takes cpu or cuda");
    for (const char* gpu_only : {"--algos", "--shapes", "--ms", "--gpu-quant"})
        if (args.flag(gpu_only) || args.has(gpu_only)) throw UsageError(std::string(gpu_only) + " applies to --device cuda");
    const bool quick = args.flag("--quick");
    const int reps = quick ? 5 : 21;
    const int tokens = int(args.integer("--decode-tokens", 64, 1, 4096));
    const DecodeModels models = decode_models(args);  // first: a wrong --int4-model fails before the benchmarks
    nlohmann::json j;
    j["threads"] = omp_get_max_threads();
    j["hardware_threads"] = std::thread::hardware_concurrency();
    j["int4_avx2"] = cpu_has_avx2_fma();

    const LargeBuffer large;
    const double bw = read_bandwidth_gbps(large, quick ? 3 : 7);
    std::printf("CPU: %d threads, AVX2/FMA %s; measured read bandwidth %.1f GB/s (median)\n\n", omp_get_max_threads(),
                cpu_has_avx2_fma() ? "yes" : "no", bw);
    j["read_bandwidth_gbps"] = bw;

    std::printf("INT4 matrix-vector (w4 g128, decode) vs BF16 dense, weights evicted from the caches before each "
                "run, medians of %d runs\n", reps);
    std::printf("%7s %7s %10s %10s %9s %12s %8s\n", "in", "out", "int4 us", "int4 GB/s", "of bw", "bf16 us", "speedup");
    for (auto [in, out] : std::vector<std::pair<int64_t, int64_t>>{{4096, 4096}, {4096, 11008}, {11008, 4096}}) {
        const GemvRow r = bench_gemv(in, out, reps, large);
        std::printf("%7lld %7lld %10.1f %10.2f %8.0f%% %12.1f %7.2fx\n", (long long)in, (long long)out, r.int4_us,
                    r.int4_gbps, 100 * r.int4_gbps / bw, r.dense_bf16_us, r.ratio);
        j["gemv"].push_back({{"in", in}, {"out", out}, {"int4_us", r.int4_us}, {"int4_gbps", r.int4_gbps},
                             {"fraction_of_bandwidth", r.int4_gbps / bw}, {"bf16_us", r.dense_bf16_us},
                             {"speedup", r.ratio}});
    }

    std::fflush(stdout);  // the decode of a large model takes minutes: show the kernels' table first
    const std::shared_ptr<const Model>& model = models.fp;
    std::printf("\nDecode, %s (INT4: %s), %d tokens, median of %d runs\n", model->folder().filename().c_str(),
                models.int4_source.c_str(), tokens, quick ? 1 : 5);
    std::printf("%-6s %-10s %12s %14s %14s\n", "model", "kernels", "tokens/s", "weights", "linears");
    std::vector<DecodeRow> rows = {bench_decode("FP", model, tokens, quick ? 1 : 5),
                                   bench_decode("INT4", models.int4, tokens, quick ? 1 : 5)};
    for (const DecodeRow& r : rows) {
        std::printf("%-6s %-10s %12.2f %14s %14s\n", r.name.c_str(), r.kind.c_str(), r.tokens_per_second,
                    human_bytes(r.weight_bytes).c_str(), human_bytes(r.linear_bytes).c_str());
        j["decode"].push_back({{"model", r.name}, {"kernels", r.kind}, {"tokens_per_second", r.tokens_per_second},
                               {"weight_bytes", r.weight_bytes}, {"linear_bytes", r.linear_bytes}});
    }
    const uint64_t fp16_linears = linear_bytes(*model) / dtype_size(model->weights().embedding.dtype) * 2;
    const ModelSummary s = summarize(*model);
    std::printf("INT4 / FP speed %.2fx; INT4 weights / FP16 weights (%s): whole model %.3fx, linear layers %.3fx\n",
                rows[1].tokens_per_second / rows[0].tokens_per_second, human_bytes(s.fp16_bytes).c_str(),
                double(rows[1].weight_bytes) / double(s.fp16_bytes), double(rows[1].linear_bytes) / double(fp16_linears));
    j["decode_tokens"] = tokens;
    j["int4_model"] = models.int4_source;
    j["fp16_weight_bytes"] = s.fp16_bytes;
    j["int4_over_fp16_weights"] = double(rows[1].weight_bytes) / double(s.fp16_bytes);
    j["int4_over_fp16_linears"] = double(rows[1].linear_bytes) / double(fp16_linears);

    if (args.has("--json")) {
        write_file_atomic(args.str("--json"), j.dump(2) + "\n");
        std::printf("\nwrote %s\n", args.str("--json").c_str());
    }
    return 0;
}

}  // namespace awq::cli
