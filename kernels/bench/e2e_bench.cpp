// SPDX-License-Identifier: MIT
// e2e_bench: whole-model throughput of awq::cuda::ModelRunner on a synthetic Llama (7B shapes by default:
// hidden 4096, intermediate 11008, 32 heads, 32 KV heads, 32 layers, vocab 32000), FP16 vs INT4.
// Method:
//   * Weights are random and made on the device (fill.cu): no download, no host copy; one runner at a
//     time (FP16 first, freed before INT4), so the peak is one model.
//   * Prefill: feed(L tokens) from an empty cache, one pass (max_batch >= L), including the final norm,
//     lm_head of the last row and the logits copy; median wall time of `prefill_reps` after a warmup.
//   * Decode: after a `decode_prompt`-token prompt, single-token feed() calls (every layer, attention over
//     the cache, lm_head, 128 KB of logits to the host: what a chat step costs); median of `decode_steps`
//     after `decode_warmup` steps. Twice on the same runner and the same tokens: with CUDA graphs off
//     (every kernel launched from the host: "plain") and on (the first warmup step captures the graph,
//     the timed ones replay it); "dec t/s", "ms/token" and wGB/s are the graph run's.
//   * Memory: cudaMemGetInfo free bytes before the runner is built, minus the least free bytes seen while
//     it lived (weights + KV cache + activations + cuBLAS workspace + allocator rounding), next to the
//     runner's own accounting.
// Timings are host wall clock around feed(), which ends with a stream synchronise.
#include "e2e_bench.hpp"

#include "model_runner.hpp"

#include <awq/error.hpp>

#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <random>
#include <sstream>

namespace awq::cuda {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

size_t free_bytes() {
    size_t f = 0, t = 0;
    if (cudaMemGetInfo(&f, &t) != cudaSuccess) {
        cudaGetLastError();
        return 0;
    }
    return f;
}

std::vector<int32_t> random_tokens(int n, int64_t vocab, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int32_t> d(0, int32_t(vocab - 1));
    std::vector<int32_t> t(static_cast<size_t>(n));
    for (auto& x : t) x = d(rng);
    return t;
}

double mib(size_t b) { return double(b) / double(1 << 20); }

E2eBenchRow bench_one(const E2eBenchOptions& o, const ModelConfig& cfg, const RunnerOptions& ro, bool int4,
                      std::ostream& out) {
    E2eBenchRow row;
    const size_t free0 = free_bytes();
    const auto t_load = Clock::now();
    SyntheticWeights sw;
    sw.int4 = int4;
    sw.group = o.group;
    sw.seed = o.seed;
    ModelRunner runner(cfg, sw, ro);
    row.load_s = ms_since(t_load) / 1e3;
    row.weights = runner.weights_kind() + (ro.overlap_launches ? "+overlap" : "");
    size_t least_free = free_bytes();

    for (const int len : o.prefill_lengths) {
        const auto prompt = random_tokens(len, cfg.vocab_size, 1000u + uint32_t(len));
        std::vector<double> t;
        for (int r = 0; r < o.prefill_warmup + o.prefill_reps; ++r) {
            runner.reset();
            const auto t0 = Clock::now();
            runner.feed(prompt);
            if (r >= o.prefill_warmup) t.push_back(ms_since(t0));
        }
        least_free = std::min(least_free, free_bytes());
        E2ePrefill p;
        p.tokens = len;
        p.ms = median(t);
        p.tokens_per_s = p.ms > 0 ? len / (p.ms * 1e-3) : 0;
        row.prefill.push_back(p);
    }

    const auto prompt = random_tokens(o.decode_prompt, cfg.vocab_size, 7);
    const auto steps = random_tokens(o.decode_warmup + o.decode_steps, cfg.vocab_size, 8);
    auto decode_ms = [&](bool graphs) {
        runner.set_cuda_graphs(graphs);
        runner.reset();
        runner.feed(prompt);
        std::vector<double> t;
        for (int i = 0; i < o.decode_warmup + o.decode_steps; ++i) {
            const auto t0 = Clock::now();
            runner.feed({steps[size_t(i)]});
            if (i >= o.decode_warmup) t.push_back(ms_since(t0));
        }
        least_free = std::min(least_free, free_bytes());
        return median(t);
    };
    row.decode_plain_ms = decode_ms(false);
    row.decode_plain_tokens_per_s = row.decode_plain_ms > 0 ? 1e3 / row.decode_plain_ms : 0;
    row.decode_ms = decode_ms(true);
    row.decode_tokens_per_s = row.decode_ms > 0 ? 1e3 / row.decode_ms : 0;
    row.decode_graph = runner.cuda_graphs() && runner.decode_graph_nodes() > 0;
    row.graph_note = runner.cuda_graph_note();
    row.graph_nodes = runner.decode_graph_nodes();
    const RunnerMemory mem = runner.memory();
    row.weight_bytes = mem.weights;
    row.kv_cache_bytes = mem.kv_cache;
    row.scratch_bytes = mem.scratch;
    row.decode_weight_gbps = row.decode_ms > 0 ? double(mem.weights) / (row.decode_ms * 1e-3) / 1e9 : 0;
    row.gpu_used_bytes = free0 > least_free ? free0 - least_free : 0;

    out << std::left << std::setw(12) << row.weights << std::right << std::fixed << std::setprecision(1)
        << std::setw(9) << row.decode_tokens_per_s << std::setprecision(2) << std::setw(10) << row.decode_ms
        << std::setprecision(1) << std::setw(11) << row.decode_plain_tokens_per_s << std::setprecision(2)
        << std::setw(10) << row.decode_plain_ms << std::setw(7) << row.graph_nodes << std::setprecision(0)
        << std::setw(9) << row.decode_weight_gbps;
    for (const auto& p : row.prefill) out << std::setw(12) << p.tokens_per_s;
    out << std::setw(11) << mib(row.weight_bytes) << std::setw(9) << mib(row.kv_cache_bytes) << std::setw(11)
        << mib(row.gpu_used_bytes) << std::setprecision(1) << std::setw(8) << row.load_s << "\n";
    if (!row.decode_graph) out << "  (" << row.weights << ": no graph replay, " << row.graph_note << ")\n";
    return row;
}

}  // namespace

int run_e2e_bench(const E2eBenchOptions& o, std::ostream& out, E2eBenchResult* result) {
    E2eBenchResult r;
    try {
        if (!cuda_device_available()) {
            out << "e2e bench: no CUDA device\n";
            return 1;
        }
        int dev = 0;
        cudaDeviceProp prop{};
        if (cudaGetDevice(&dev) != cudaSuccess || cudaGetDeviceProperties(&prop, dev) != cudaSuccess) {
            cudaGetLastError();
            out << "e2e bench: cannot query the device\n";
            return 1;
        }
        r.device = prop.name;
        ModelConfig cfg;
        cfg.model_type = "llama";
        cfg.vocab_size = o.vocab;
        cfg.hidden_size = o.hidden;
        cfg.intermediate_size = o.intermediate;
        cfg.num_hidden_layers = o.layers;
        cfg.num_attention_heads = o.heads;
        cfg.num_key_value_heads = o.kv_heads;
        cfg.head_dim = o.head_dim;
        cfg.rms_norm_eps = 1e-5;
        cfg.rope_theta = 10000.0;
        int longest = o.decode_prompt;
        for (int len : o.prefill_lengths) longest = std::max(longest, len);
        r.max_context = std::max<int64_t>(longest, o.decode_prompt + o.decode_warmup + o.decode_steps);
        cfg.max_position_embeddings = r.max_context;
        RunnerOptions ro;
        ro.max_context = r.max_context;
        ro.max_batch = longest;  // every prefill in one pass

        out << "\nend to end: synthetic Llama, hidden " << o.hidden << ", intermediate " << o.intermediate << ", "
            << o.layers << " layers, " << o.heads << " heads (" << o.kv_heads << " KV) x " << o.head_dim
            << ", vocab " << o.vocab << ", context " << r.max_context << ", " << r.device << "\n";
        out << "decode: batch 1 after a " << o.decode_prompt << "-token prompt, median of " << o.decode_steps
            << " steps, CUDA graph replay (dec t/s, ms/token, wGB/s) and plain launches (plain t/s, ms/token; nodes:"
               " the graph's node count per token); prefill: median of "
            << o.prefill_reps << ", one pass from an empty cache\n";
        out << std::left << std::setw(12) << "weights" << std::right << std::setw(9) << "dec t/s" << std::setw(10)
            << "ms/token" << std::setw(11) << "plain t/s" << std::setw(10) << "ms/token" << std::setw(7) << "nodes"
            << std::setw(9) << "wGB/s";
        for (int len : o.prefill_lengths) out << std::setw(12) << ("pf" + std::to_string(len) + " t/s");
        out << std::setw(11) << "weightMiB" << std::setw(9) << "kvMiB" << std::setw(11) << "usedMiB" << std::setw(8)
            << "load s" << "\n";
        if (o.fp16) r.rows.push_back(bench_one(o, cfg, ro, false, out));
        if (o.int4) r.rows.push_back(bench_one(o, cfg, ro, true, out));
        if (o.int4 && o.int4_overlap) {
            RunnerOptions overlapped = ro;
            overlapped.overlap_launches = true;
            r.rows.push_back(bench_one(o, cfg, overlapped, true, out));
        }
        for (const auto& row : r.rows)
            if (row.decode_ms > 0 && row.decode_plain_ms > 0)
                out << row.weights << ": CUDA graphs speed decode up " << std::setprecision(2)
                    << row.decode_plain_ms / row.decode_ms << "x\n";
        // rows: fp16 (if run), int4 (if run), int4+overlap (if run)
        const E2eBenchRow* fp16 = o.fp16 ? &r.rows[0] : nullptr;
        const E2eBenchRow* int4 = o.int4 ? &r.rows[o.fp16 ? 1 : 0] : nullptr;
        const E2eBenchRow* overlapped = o.int4 && o.int4_overlap ? int4 + 1 : nullptr;
        auto timed = [](const E2eBenchRow* row) { return row && row->decode_ms > 0 && row->decode_plain_ms > 0; };
        if (timed(fp16) && timed(int4))
            out << "INT4 / FP16 decode speedup " << std::setprecision(2) << fp16->decode_ms / int4->decode_ms
                << "x with graphs (both), " << fp16->decode_plain_ms / int4->decode_plain_ms
                << "x without (both), " << fp16->decode_plain_ms / int4->decode_ms
                << "x INT4 graphs vs FP16 plain; weight memory "
                << double(int4->weight_bytes) / double(fp16->weight_bytes) << "x\n";
        if (timed(int4) && timed(overlapped)) {
            out << "INT4 decode with overlapped launches / without: " << std::setprecision(3)
                << int4->decode_ms / overlapped->decode_ms << "x with graphs, "
                << int4->decode_plain_ms / overlapped->decode_plain_ms << "x plain";
            if (timed(fp16)) out << "; INT4+overlap / FP16 " << fp16->decode_ms / overlapped->decode_ms << "x with graphs";
            out << "\n";
        }
    } catch (const std::exception& e) {
        out << "e2e bench failed: " << e.what() << "\n";
        return 1;
    }
    if (result) *result = r;
    return 0;
}

std::string e2e_bench_json(const E2eBenchOptions& o, const E2eBenchResult& r) {
    std::ostringstream f;
    f << "{\"device\": \"" << r.device << "\", \"model\": {\"vocab\": " << o.vocab << ", \"hidden\": " << o.hidden
      << ", \"intermediate\": " << o.intermediate << ", \"layers\": " << o.layers << ", \"heads\": " << o.heads
      << ", \"kv_heads\": " << o.kv_heads << ", \"head_dim\": " << o.head_dim << "}, \"max_context\": "
      << r.max_context << ", \"group_size\": " << o.group << ", \"decode_prompt\": " << o.decode_prompt
      << ", \"decode_steps\": " << o.decode_steps << ", \"prefill_reps\": " << o.prefill_reps << ",\n    \"rows\": [\n";
    for (size_t i = 0; i < r.rows.size(); ++i) {
        const auto& w = r.rows[i];
        f << "      {\"weights\": \"" << w.weights << "\", \"decode_tokens_per_s\": " << w.decode_tokens_per_s
          << ", \"decode_ms\": " << w.decode_ms << ", \"decode_graph\": " << (w.decode_graph ? "true" : "false")
          << ", \"decode_graph_nodes\": " << w.graph_nodes << ", \"decode_plain_tokens_per_s\": "
          << w.decode_plain_tokens_per_s << ", \"decode_plain_ms\": " << w.decode_plain_ms
          << ", \"decode_weight_gbps\": " << w.decode_weight_gbps
          << ", \"prefill\": [";
        for (size_t j = 0; j < w.prefill.size(); ++j)
            f << (j ? ", " : "") << "{\"tokens\": " << w.prefill[j].tokens << ", \"ms\": " << w.prefill[j].ms
              << ", \"tokens_per_s\": " << w.prefill[j].tokens_per_s << "}";
        f << "], \"weight_bytes\": " << w.weight_bytes << ", \"kv_cache_bytes\": " << w.kv_cache_bytes
          << ", \"scratch_bytes\": " << w.scratch_bytes << ", \"gpu_used_bytes\": " << w.gpu_used_bytes
          << ", \"load_s\": " << w.load_s << "}" << (i + 1 < r.rows.size() ? ",\n" : "\n");
    }
    f << "    ]}";
    return f.str();
}

}  // namespace awq::cuda
