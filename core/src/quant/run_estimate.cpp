// SPDX-License-Identifier: MIT
// The run's cost from the engines' own allocations and passes (quantize_model.cpp, layer_compute.cpp,
// kernels/host/gpu_quant_backend.cpp). Each term names the buffer or pass it counts; keep them in step with the
// code they describe.
#include <awq/error.hpp>
#include <awq/quant/layer_compute.hpp>
#include <awq/quant/run_estimate.hpp>

#include <algorithm>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>

namespace awq {

const EstimateRates& estimate_rates() {
    // Fitted to the SmolLM2-135M default run on the idle 2-core AMD EPYC (362.6 s, its report's time by
    // stage) and the synthetic 7B on an H100 (266.6 s by stage); how far off they are on other runs is in
    // docs/benchmarks.md, "Run estimate vs measured".
    static const EstimateRates r{
        /*cpu_flops_per_core=*/67e9,
        /*cpu_clip_flops_per_core=*/27e9,
        /*gpu_flops=*/48e12,
        /*gpu_clip_flops=*/17e12,
        /*io_bytes_per_second=*/170e6,
        /*gpu_context_bytes=*/600.0 * (1 << 20),
        /*host_base_bytes=*/48.0 * (1 << 20),
    };
    return r;
}

namespace {

constexpr double kF = 4;  // bytes of a float
constexpr double kD = 8;  // bytes of a double

struct Dims {
    int64_t H, I, qd, kvd, nh, L, V;
    int64_t in[kLinearCount], out[kLinearCount];
    explicit Dims(const ModelConfig& c)
        : H(c.hidden_size), I(c.intermediate_size), qd(c.q_dim()), kvd(c.kv_dim()), nh(c.num_attention_heads),
          L(c.num_hidden_layers), V(c.vocab_size),
          in{H, H, H, qd, H, H, I}, out{qd, kvd, kvd, H, I, I, H} {}
    double linear_params() const {
        double p = 0;
        for (int i = 0; i < kLinearCount; ++i) p += double(in[i]) * double(out[i]);
        return p;
    }
    // Multiply-adds ×2 of one token through the layer: the seven linears and causal attention (q·k and
    // p·v over len/2 keys on average).
    double token_flops(int64_t len) const { return 2 * linear_params() + 2.0 * double(qd) * double(len); }
};

int dtype_width(const std::string& torch_dtype) { return torch_dtype == "float32" ? 4 : 2; }

std::string tokens_text(int64_t t) { return std::to_string(t) + " tokens"; }

double sum(const std::vector<EstimateTerm>& terms) {
    double s = 0;
    for (const auto& t : terms) s += t.amount;
    return s;
}

// One layer's QuantizedLayer as the run keeps it until the export: a byte per code, a float scale and an
// int32 zero point per group (quantizer.hpp); a linear left in float keeps float32 weights.
double result_bytes_per_layer(const Dims& d, const QuantParams& q) {
    double b = 0;
    for (int i = 0; i < kLinearCount; ++i) {
        const double w = double(d.in[i]) * double(d.out[i]);
        if (quantizable(d.in[i], q)) b += w + double(d.out[i]) * double(d.in[i] / resolve_group_size(q, d.in[i])) * 8;
        else b += w * kF;
    }
    return b + double(2 * d.H + d.qd + d.I) * kF;  // the applied scales of the four groups
}

// The AutoAWQ GEMM checkpoint the export assembles in memory before writing: 4-bit codes, fp16 scales and
// packed zero points per group, fp16 for the rest.
double checkpoint_bytes(const Dims& d, const ModelConfig& c, const QuantParams& q) {
    double b = 0;
    for (int i = 0; i < kLinearCount; ++i) {
        const double w = double(d.in[i]) * double(d.out[i]);
        if (quantizable(d.in[i], q)) b += w / 2 + double(d.out[i]) * double(d.in[i] / resolve_group_size(q, d.in[i])) * 2.5;
        else b += w * 2;
    }
    b *= double(d.L);
    return b + double(d.V) * double(d.H) * 2 * (c.tie_word_embeddings ? 1 : 2);
}

struct Work {
    int64_t T, Ts, len, n_seq;
    bool search, clip, feedback, sensitivity;
    int n_cand;
    int64_t clip_tokens;
    int clip_steps;
};

Work work_of(const RunShape& s) {
    const AwqSettings& a = s.settings;
    Work w;
    w.n_seq = s.blocks;
    w.len = s.block_len;
    w.T = s.blocks * s.block_len;
    w.Ts = std::clamp<int64_t>(search_block_count(a, s.blocks), 1, s.blocks) * s.block_len;
    w.search = !a.rtn;
    w.clip = !a.rtn && a.clip;
    // The GPU engine rounds without error feedback and measures no sensitivity (quantize_model.cpp).
    w.feedback = a.error_feedback && s.device == EstimateDevice::Cpu;
    w.sensitivity = (a.sensitivity || a.keep_float_percent > 0) && s.device == EstimateDevice::Cpu;
    w.n_cand = a.n_grid + (a.identity_candidate && a.duo_scaling ? 1 : 0);
    w.clip_tokens = std::min(a.clip_tokens, w.T);
    w.clip_steps = std::max(1, int(a.clip_grid * a.clip_max_shrink));
    return w;
}

bool o_searched(const Dims& d, const QuantParams& q) { return quantizable(d.qd, q) && d.kvd == d.qd; }

// FLOPs of the whole run by stage (all layers), in the report's stage names.
std::vector<EstimateTerm> stage_flops(const Dims& d, const Work& w, const QuantParams& q) {
    const double L = double(d.L), T = double(w.T), Ts = double(w.Ts), n = double(w.n_cand);
    const double H = double(d.H), I = double(d.I), qd = double(d.qd), kvd = double(d.kvd), len = double(w.len);
    std::vector<EstimateTerm> f;
    f.push_back({"capture", L * T * d.token_flops(w.len)});
    if (w.search) {
        if (quantizable(d.H, q))  // q/k/v, attention and o_proj of every candidate on the search tokens
            f.push_back({"search qkv", L * n * Ts * (2 * H * (qd + 2 * kvd) + 2 * qd * H + 2 * qd * len)});
        if (o_searched(d, q))  // the o_proj input's Gram matrix, then E·G per candidate
            f.push_back({"search o", L * (2 * T * qd * qd + n * 2 * H * qd * qd)});
        if (quantizable(d.H, q)) f.push_back({"search gate_up", L * n * Ts * 6 * H * I});
        if (quantizable(d.I, q)) f.push_back({"search down", L * (2 * T * I * I + n * 2 * H * I * I)});
    }
    if (w.clip) {
        double oi = 0;
        for (int i : {kV, kO, kGate, kUp, kDown})
            if (quantizable(d.in[i], q)) oi += double(d.in[i]) * double(d.out[i]);
        f.push_back({"clip", L * w.clip_steps * 2 * double(w.clip_tokens) * oi});
    }
    if (w.feedback) {  // a Gram matrix per distinct input, its inverse, and the column-wise rounding
        double fq = 0;
        const int64_t inputs[4] = {d.H, d.qd, d.H, d.I};
        const int first[4] = {kQ, kO, kGate, kDown}, last[4] = {kV, kO, kUp, kDown};
        for (int g = 0; g < 4; ++g) {
            if (!quantizable(inputs[g], q)) continue;
            const double x = double(inputs[g]);
            fq += 2 * T * x * x + x * x * x;
            for (int i = first[g]; i <= last[g]; ++i) fq += 2 * double(d.out[i]) * x * x;
        }
        f.push_back({"quantize", L * fq});
    }
    f.push_back({"measure", L * 2 * T * d.token_flops(w.len)});  // the RTN and AWQ layer errors
    if (w.sensitivity) f.push_back({"sensitivity", L * 5 * Ts * d.token_flops(w.len)});
    return f;
}

void add_host_terms(RunEstimate& e, const RunShape& s, const Dims& d, const Work& w, double weights) {
    const EstimateRates& r = estimate_rates();
    const QuantParams& q = s.settings.quant;
    const double T = double(w.T), P = d.linear_params();
    const double results = double(d.L) * result_bytes_per_layer(d, q);
    std::vector<EstimateTerm> last;
    last.push_back({"model weights (memory-mapped)", weights});
    last.push_back({"program, tokenizer and calibration", r.host_base_bytes});
    last.push_back({"quantized layers kept for the export", results});
    if (s.device == EstimateDevice::Cpu) {
        // hidden states, the layer's input copy, the captured attention/MLP inputs and outputs, the o_proj
        // and down_proj inputs (CpuLayerCompute: hidden_, input_, a_)
        last.push_back({"calibration activations", T * double(6 * d.H + d.qd + d.I) * kF, w.T});
        last.push_back({"layer weights in float32 (4 copies)", 4 * P * kF});
        // The largest of the per-layer temporaries (they do not overlap).
        std::vector<EstimateTerm> tmp;
        tmp.push_back({"capture's q/k/v", T * double(std::max(d.qd + 2 * d.kvd, d.I)) * kF, w.T});
        tmp.push_back({"error measurement's layer forward",
                       T * double(5 * d.H + std::max(2 * d.qd + 2 * d.kvd, 2 * d.I)) * kF, w.T});
        if (w.feedback)
            for (int i = 0; i < kLinearCount; ++i)
                if (quantizable(d.in[i], q))
                    tmp.push_back({"error feedback's Gram matrix and its inverse",
                                   3 * double(d.in[i]) * double(d.in[i]) * kD + double(d.out[i]) * double(d.in[i]) * kD});
        const auto big = std::max_element(tmp.begin(), tmp.end(),
                                          [](const EstimateTerm& a, const EstimateTerm& b) { return a.amount < b.amount; });
        last.push_back(*big);
    } else {
        last.push_back({"layer weights in float32 (2 copies)", 2 * P * kF});
    }
    std::vector<EstimateTerm> exp;
    exp.push_back(last[0]);
    exp.push_back(last[1]);
    exp.push_back(last[2]);
    exp.push_back({"checkpoint assembled for writing", checkpoint_bytes(d, s.config, q)});
    const bool export_peak = sum(exp) > sum(last);
    e.host_terms = export_peak ? exp : last;
    e.host_phase = export_peak ? "export" : "last layer";
    e.host_bytes = uint64_t(sum(e.host_terms));
    // Mapped pages are file-backed: beyond the layer being read the kernel can drop them and read them again.
    const double one_layer = weights * P / std::max(1.0, double(d.L) * P + double(d.V) * double(d.H));
    e.host_required_bytes = uint64_t(std::max(0.0, double(e.host_bytes) - weights + one_layer));
}

void add_gpu_terms(RunEstimate& e, const RunShape& s, const Dims& d, const Work& w) {
    const EstimateRates& r = estimate_rates();
    const QuantParams& q = s.settings.quant;
    const double T = double(w.T), len = double(w.len);
    const int64_t widest = std::max({d.H, d.I, d.qd}), wide_in = std::max(d.qd, d.I);
    std::vector<EstimateTerm>& g = e.gpu_terms;
    // GpuLayerCompute::allocate_activations: hidden, input, the six captures, normed, q/k/v, attention,
    // block output, gate, up and the error measurement's hidden states.
    g.push_back({"calibration activations", T * double(9 * d.H + 3 * d.qd + 2 * d.kvd + 3 * d.I) * kF, w.T});
    const double per_seq = double(d.nh) * len * len;
    const double chunk = std::clamp(std::floor(double(int64_t(1) << 28) / std::max(per_seq, 1.0)), 1.0, double(w.n_seq));
    g.push_back({"attention scores", chunk * per_seq * kF});
    g.push_back({"layer weights in float32 (3 sets)", 3 * d.linear_params() * kF});
    g.push_back({"Gram matrix and the group maxima",
                 (double(wide_in) * double(wide_in) + double(d.H) * double(wide_in) +
                  double(std::max({d.qd + 2 * d.kvd, 2 * d.I, d.H})) * double(widest)) * kF});
    if (w.clip) {
        double most = 0;
        for (int i : {kV, kO, kGate, kUp, kDown}) {
            if (!quantizable(d.in[i], q)) continue;
            const double groups = double(std::max<int64_t>(d.in[i] / resolve_group_size(q, d.in[i]), 2));
            most = std::max(most, (groups * double(d.out[i]) + double(d.in[i])) * double(w.clip_tokens) * kF);
        }
        g.push_back({"clip search scratch", most});
    }
    g.push_back({"CUDA context and cuBLAS workspace", r.gpu_context_bytes});
    e.gpu_bytes = uint64_t(sum(g));
}

int cores_of(const RunShape& s) {
    if (s.cpu_cores > 0) return s.cpu_cores;
    if (s.settings.threads > 0) return s.settings.threads;
    return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

uint64_t model_weight_bytes(const ModelConfig& c) {
    const Dims d(c);
    const double embed = double(d.V) * double(d.H) * (c.tie_word_embeddings ? 1 : 2);
    const double norms = double(d.L) * 2 * double(d.H) + double(d.H);
    return uint64_t((double(d.L) * d.linear_params() + embed + norms) * dtype_width(c.torch_dtype));
}

std::string term_text(const EstimateTerm& t) { return t.tokens > 0 ? t.what + " (" + tokens_text(t.tokens) + ")" : t.what; }

RunEstimate estimate_run(const RunShape& s) {
    if (s.blocks <= 0 || s.block_len <= 0)
        throw InvalidArgument("run estimate: the calibration is empty (" + std::to_string(s.blocks) + " blocks of " +
                              std::to_string(s.block_len) + " tokens)");
    if (s.config.num_hidden_layers <= 0 || s.config.hidden_size <= 0)
        throw InvalidArgument("run estimate: the model config has no layers");
    const Dims d(s.config);
    const Work w = work_of(s);
    const double weights = double(model_weight_bytes(s.config));
    RunEstimate e;
    add_host_terms(e, s, d, w, weights);
    if (s.device == EstimateDevice::Cuda) add_gpu_terms(e, s, d, w);

    const EstimateRates& r = estimate_rates();
    // Calibrated on two cores; the 16-vCPU machine quantized the bundled model only 1.2-1.4x faster than two
    // (docs/benchmarks.md), so more than two are not counted on (the estimate errs long there).
    const double cores = std::min(cores_of(s), 2);
    for (const EstimateTerm& f : stage_flops(d, w, s.settings.quant)) {
        const bool clip = f.what == "clip";
        const double rate = s.device == EstimateDevice::Cuda ? (clip ? r.gpu_clip_flops : r.gpu_flops)
                                                             : cores * (clip ? r.cpu_clip_flops_per_core : r.cpu_flops_per_core);
        e.flops += f.amount;
        e.time_terms.push_back({f.what, f.amount / rate});
    }
    e.time_terms.push_back({"load, calibration and export", weights / r.io_bytes_per_second});
    e.seconds = sum(e.time_terms);
    return e;
}

FitCheck check_fit(const RunShape& shape, const RunEstimate& e, uint64_t host_available, uint64_t gpu_available,
                   bool gpu_present) {
    FitCheck f;
    f.host_available = host_available;
    f.gpu_available = gpu_available;
    f.host_fits = e.host_required_bytes <= host_available;
    f.gpu_fits = shape.device != EstimateDevice::Cuda || gpu_available == 0 || e.gpu_bytes <= gpu_available;
    if (f.fits()) return f;
    // The most blocks that fit, found by halving (memory grows with the blocks).
    const auto fits_with = [&](int64_t blocks) {
        RunShape s = shape;
        s.blocks = blocks;
        const RunEstimate x = estimate_run(s);
        return x.host_required_bytes <= host_available &&
               (s.device != EstimateDevice::Cuda || gpu_available == 0 || x.gpu_bytes <= gpu_available);
    };
    int64_t lo = 0, hi = shape.blocks;  // fits(lo) (or lo = 0), !fits(hi)
    while (hi - lo > 1) {
        const int64_t mid = lo + (hi - lo) / 2;
        (fits_with(mid) ? lo : hi) = mid;
    }
    f.suggestions.push_back({FitSuggestion::Kind::FewerBlocks, lo});
    if (shape.device == EstimateDevice::Cpu && gpu_present) {
        RunShape g = shape;
        g.device = EstimateDevice::Cuda;
        if (estimate_run(g).host_required_bytes <= host_available) f.suggestions.push_back({FitSuggestion::Kind::UseGpu, 0});
    }
    if (shape.device == EstimateDevice::Cuda && !f.gpu_fits && f.host_fits) {
        RunShape c = shape;
        c.device = EstimateDevice::Cpu;
        if (estimate_run(c).host_required_bytes <= host_available) f.suggestions.push_back({FitSuggestion::Kind::UseCpu, 0});
    }
    if (!f.host_fits) f.suggestions.push_back({FitSuggestion::Kind::FreeMemory, 0});
    return f;
}

uint64_t parse_mem_available(const std::string& text, const std::string& source) {
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("MemAvailable:", 0) != 0) continue;
        std::istringstream l(line.substr(13));
        std::string number, unit, extra;
        uint64_t kb = 0;
        l >> number >> unit;
        const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), kb);
        // Digits only (istream would take "-1" as a huge unsigned), a size that fits in bytes, the unit.
        if (number.empty() || ec != std::errc() || end != number.data() + number.size() || unit != "kB" ||
            (l >> extra) || kb > UINT64_MAX / 1024)
            throw FormatError(source + ": malformed MemAvailable line '" + line + "' (expected 'MemAvailable: N kB')");
        return kb * 1024;
    }
    throw FormatError(source + ": no MemAvailable line");
}

std::optional<uint64_t> host_memory_available() {
    std::ifstream f("/proc/meminfo");
    if (!f) return std::nullopt;
    std::stringstream ss;
    ss << f.rdbuf();
    try {
        return parse_mem_available(ss.str(), "/proc/meminfo");
    } catch (const FormatError&) {
        return std::nullopt;
    }
}

namespace {

std::string gib(double bytes) {
    char b[32];
    if (bytes >= double(1 << 30)) std::snprintf(b, sizeof b, "%.1f GiB", bytes / double(1 << 30));
    else std::snprintf(b, sizeof b, "%.0f MiB", bytes / double(1 << 20));
    return b;
}

}  // namespace

std::string human_duration(double seconds) {
    char b[32];
    if (seconds < 90) std::snprintf(b, sizeof b, "%.0f s", seconds);
    else if (seconds < 5400) std::snprintf(b, sizeof b, "%.0f min", seconds / 60);
    else std::snprintf(b, sizeof b, "%.1f h", seconds / 3600);
    return b;
}

std::string estimate_line(const RunEstimate& e) {
    std::string s = "estimate: ~" + human_duration(e.seconds) + ", peak memory " + gib(double(e.host_bytes)) + " (host)";
    if (e.gpu_bytes) s += ", " + gib(double(e.gpu_bytes)) + " GPU";
    return s;
}

std::string fit_warning(const RunShape& shape, const RunEstimate& e, const FitCheck& f) {
    if (f.fits()) return {};
    std::string s;
    if (!f.host_fits)
        s = "this run needs about " + gib(double(e.host_required_bytes)) + " of memory, " + gib(double(f.host_available)) +
            " is available";
    if (!f.gpu_fits)
        s += std::string(s.empty() ? "" : "; ") + "the GPU needs about " + gib(double(e.gpu_bytes)) + ", it has " +
             gib(double(f.gpu_available));
    std::vector<std::string> tips;
    for (const FitSuggestion& t : f.suggestions) switch (t.kind) {
            case FitSuggestion::Kind::FewerBlocks:
                tips.push_back(t.blocks > 0 ? "fewer calibration samples (at most " + std::to_string(t.blocks) + " blocks of " +
                                                  std::to_string(shape.block_len) + " tokens fit) or shorter blocks"
                                            : "shorter calibration blocks (--seqlen)");
                break;
            case FitSuggestion::Kind::UseGpu: tips.push_back("the GPU (--device cuda)"); break;
            case FitSuggestion::Kind::UseCpu: tips.push_back("the CPU (--device cpu)"); break;
            case FitSuggestion::Kind::FreeMemory: tips.push_back("closing other programs"); break;
        }
    if (!tips.empty()) {
        s += "; try ";
        for (size_t i = 0; i < tips.size(); ++i) s += (i ? ", " : "") + tips[i];
    }
    return s;
}

}  // namespace awq
