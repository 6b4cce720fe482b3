// SPDX-License-Identifier: MIT
// quant_bench: wall time of AWQ quantization on the GPU (awq::cuda::quantize_model_gpu, default
// AwqSettings: 4-bit, group 128, 20-point scale grid, clip search) of a synthetic Llama with 7B shapes.
// Method:
//   * The model is built in host memory: BF16 weights uniform with the variance of a 1/sqrt(in) init
//     (a hash of (seed, tensor, index), made with OpenMP), norms 1, a random BF16 embedding; no files.
//     --quant-layers N builds only N layers (the result is then partial, and the bench says so and
//     projects the full 32-layer time from the mean per layer).
//   * Calibration: `blocks` sequences of `block_len` random token ids.
//   * Timed: the whole quantize_model_gpu call (embedding lookup, per layer: BF16 -> float on the host,
//     upload, capture, scale search, clip search, quantization, error measurement, download of codes),
//     plus each layer's own seconds from the report. Not timed: building the synthetic model.
//   * GPU memory: the backend's buffers and the device's peak use (cudaMemGetInfo, sampled per step).
#include "quant_bench.hpp"

#include "gpu_quant_backend.hpp"

#include <awq/error.hpp>
#include <awq/io/dtype.hpp>
#include <awq/model/model.hpp>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace awq::cuda {

namespace {

uint64_t mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
}

// BF16 values uniform in [-a, a), element i from a hash of (seed, i).
std::vector<uint16_t> random_bf16(size_t n, float a, uint64_t seed) {
    std::vector<uint16_t> v(n);
#pragma omp parallel for schedule(static)
    for (int64_t i = 0; i < int64_t(n); ++i) {
        const double u = double(mix(seed * 0x9e3779b97f4a7c15ULL + uint64_t(i)) >> 11) * 0x1.0p-53;
        v[size_t(i)] = f32_to_bf16(float((2.0 * u - 1.0) * a));
    }
    return v;
}

struct SyntheticModel {
    std::vector<std::vector<uint16_t>> storage;  // every BF16 tensor the model borrows
    std::shared_ptr<Model> model;
};

SyntheticModel build_model(const QuantBenchOptions& o, int64_t layers) {
    ModelConfig c;
    c.model_type = "llama";
    c.vocab_size = o.vocab;
    c.hidden_size = o.hidden;
    c.intermediate_size = o.intermediate;
    c.num_hidden_layers = layers;
    c.num_attention_heads = o.heads;
    c.num_key_value_heads = o.kv_heads;
    c.head_dim = o.head_dim;
    c.max_position_embeddings = std::max<int64_t>(4096, o.block_len);
    c.rms_norm_eps = 1e-5;
    SyntheticModel s;
    uint64_t seed = o.seed * 1000003u;
    const auto tensor = [&](int64_t rows, int64_t cols, float a) -> const void* {
        s.storage.push_back(random_bf16(size_t(rows * cols), a, ++seed));
        return s.storage.back().data();
    };
    ModelWeights w;
    w.embedding = {DType::BF16, tensor(o.vocab, o.hidden, 1.0f), o.vocab, o.hidden};
    const int64_t H = o.hidden, I = o.intermediate, qd = o.heads * o.head_dim, kvd = o.kv_heads * o.head_dim;
    const auto linear = [&](int64_t in, int64_t out) {
        return std::make_unique<DenseLinear>(DType::BF16, tensor(out, in, float(std::sqrt(3.0 / double(in)))), in, out);
    };
    for (int64_t l = 0; l < layers; ++l) {
        LayerWeights L;
        L.q_proj = linear(H, qd);
        L.k_proj = linear(H, kvd);
        L.v_proj = linear(H, kvd);
        L.o_proj = linear(qd, H);
        L.gate_proj = linear(H, I);
        L.up_proj = linear(H, I);
        L.down_proj = linear(I, H);
        L.input_norm.assign(size_t(H), 1.0f);
        L.post_attention_norm.assign(size_t(H), 1.0f);
        w.layers.push_back(std::move(L));
    }
    w.final_norm.assign(size_t(H), 1.0f);
    w.lm_head = linear(H, o.vocab);
    s.model = Model::in_memory(c, std::move(w), "synthetic-llama-7b-shapes");
    return s;
}

}  // namespace

int run_quant_bench(const QuantBenchOptions& o, std::ostream& out) {
    using clock = std::chrono::steady_clock;
    const bool partial = o.quant_layers > 0 && o.quant_layers < o.layers;
    const int64_t layers = partial ? o.quant_layers : o.layers;
    try {
        out << "AWQ quantization on the GPU: synthetic Llama (hidden " << o.hidden << ", intermediate "
            << o.intermediate << ", " << o.heads << " heads / " << o.kv_heads << " KV heads, " << o.layers
            << " layers, vocab " << o.vocab << "), calibration " << o.blocks << " x " << o.block_len
            << " random tokens, 4-bit g128, 20-point grid"
            << (o.search_blocks > 0 ? " (attention / MLP losses on the first " + std::to_string(o.search_blocks) + " blocks)"
                                    : std::string())
            << ", clip search, " << (o.tf32 ? "TF32" : "FP32") << " cuBLAS\n";
        if (partial)
            out << "PARTIAL RUN: only " << layers << " of " << o.layers
                << " layers are built and quantized; the full time below is a projection\n";
        const auto tb = clock::now();
        SyntheticModel m = build_model(o, layers);
        out << "built the model in host memory in " << std::fixed << std::setprecision(1)
            << std::chrono::duration<double>(clock::now() - tb).count() << " s\n" << std::flush;
        CalibrationSet calib;
        calib.source = "random tokens";
        calib.block_len = o.block_len;
        std::mt19937 rng(uint32_t(o.seed));
        std::uniform_int_distribution<int32_t> d(0, int32_t(o.vocab - 1));
        calib.tokens.resize(size_t(o.blocks * o.block_len));
        for (auto& t : calib.tokens) t = d(rng);
        AwqSettings settings;
        settings.search_blocks = o.search_blocks;
        int last_layer = -1;
        auto t_layer = clock::now();
        const auto progress = [&](const Progress& p) {
            if (p.stage != Stage::Done && p.layer != last_layer) {
                if (last_layer >= 0)
                    out << "  layer " << std::setw(2) << last_layer << " done after " << std::setprecision(2)
                        << std::chrono::duration<double>(clock::now() - t_layer).count() << " s\n" << std::flush;
                last_layer = p.layer;
                t_layer = clock::now();
            }
            return true;
        };
        GpuQuantOptions go;
        go.tf32 = o.tf32;
        GpuQuantMemory mem;
        const auto t0 = clock::now();
        const QuantizationResult r = quantize_model_gpu(m.model, calib, settings, progress, nullptr, go, &mem);
        const double total = std::chrono::duration<double>(clock::now() - t0).count();
        out << "device: " << mem.device << "\n";
        out << std::setprecision(2) << "layer  seconds  rtn_err/power  awq_err/power\n";
        double sum = 0;
        for (const LayerReport& l : r.report.layers) {
            sum += l.seconds;
            const double p = l.output_power > 0 ? l.output_power : 1;
            out << std::setw(5) << l.index << "  " << std::setw(7) << l.seconds << "  " << std::scientific
                << std::setprecision(3) << std::setw(13) << l.rtn_error / p << "  " << std::setw(13) << l.awq_error / p
                << std::fixed << std::setprecision(2) << "\n";
        }
        const double per_layer = sum / double(std::max<int64_t>(layers, 1));
        out << "total: " << total << " s for " << layers << " layer(s) (" << per_layer << " s per layer, "
            << total - sum << " s outside the layers)\n";
        if (partial)
            out << "projected full model (" << o.layers << " layers): " << per_layer * double(o.layers) + (total - sum)
                << " s (PARTIAL RUN, projection)\n";
        out << "GPU memory: " << double(mem.allocated) / double(1 << 30) << " GiB in the backend's buffers, peak "
            << double(mem.peak_used) / double(1 << 30) << " GiB in use on the device\n";
        out << "target: under 300 s for the whole model on an H100: "
            << ((partial ? per_layer * double(o.layers) + (total - sum) : total) < 300 ? "met" : "NOT met")
            << (partial ? " (projected)" : "") << "\n";
        return 0;
    } catch (const std::exception& e) {
        out << "quantization bench failed: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace awq::cuda
