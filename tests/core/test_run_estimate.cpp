// SPDX-License-Identifier: MIT
// The run estimate (run_estimate.hpp). References:
// - the bundled model's memory terms against a hand computation from its config.json written out below
//   (per calibration token, the floats each buffer of CpuLayerCompute holds; per layer, the bytes of each
//   linear's codes and group tables), and its weight bytes against the size of its model.safetensors;
// - the synthetic 7B's GPU buffers against the 16.6 GiB the H100 run measured (docs/benchmarks.md);
// - monotonicity in the calibration blocks and the search blocks;
// - the fit decision at an injected available memory one byte either side of the requirement, and the
//   suggested block count checked by estimating it and one more;
// - MemAvailable parsing of /proc/meminfo text, good and bad;
// - `awq quantize --estimate-only` printing the same line and writing nothing.
#include "test_util.hpp"

#include <awq/error.hpp>
#include <awq/quant/run_estimate.hpp>

#include <QTemporaryDir>

using namespace awq;
using namespace awq::test;

namespace {

ModelConfig bundled_config() { return load_model_config(bundled_model() / "config.json"); }

RunShape bundled_shape(int64_t blocks, int64_t len = 512) {
    RunShape s;
    s.config = bundled_config();
    s.blocks = blocks;
    s.block_len = len;
    s.device = EstimateDevice::Cpu;
    s.cpu_cores = 2;
    return s;
}

double term(const std::vector<EstimateTerm>& terms, const std::string& prefix) {
    for (const auto& t : terms)
        if (t.what.rfind(prefix, 0) == 0) return t.amount;
    return -1;
}

}  // namespace

class TestRunEstimate : public QObject {
    Q_OBJECT
private slots:
    // tiny-llama-kjv: hidden 256, intermediate 768, 8 heads of 32 (q 256), 2 kv heads (kv 64), 6 layers,
    // vocabulary 4096, untied lm_head, bfloat16. 42 blocks of 512 tokens (the default corpus), T = 21 504.
    void bundledModelMemoryByHand() {
        const RunShape s = bundled_shape(42);
        const RunEstimate e = estimate_run(s);
        const double T = 42 * 512;
        // Linear weights per layer: q 256·256 + k, v 256·64 each + o 256·256 + gate, up, down 256·768 each.
        const double P = 65536 + 2 * 16384 + 65536 + 3 * 196608;
        QCOMPARE(P, 753664.0);
        // Weight file: 6 layers' linears + embedding and lm_head (4096·256 each) + 13 norms of 256, at 2 bytes.
        const double weights = (6 * P + 2 * 4096 * 256 + 13 * 256) * 2;
        QCOMPARE(term(e.host_terms, "model weights"), weights);
        const auto file = std::filesystem::file_size(bundled_model() / "model.safetensors");
        QVERIFY2(std::abs(double(file) - weights) < 64 * 1024, qPrintable(QString::number(file)));  // + the header
        // Activations per token: hidden, input copy, attn in/out, mlp in/out (6 × 256), o input 256, down input 768.
        QCOMPARE(term(e.host_terms, "calibration activations"), T * (6 * 256 + 256 + 768) * 4);
        // The largest temporary is the error measurement's forward on a copy: the copy and its four block
        // buffers (5 × 256) and the MLP's gate and up (2 × 768 > q, k, v and attention's 2·256 + 2·64).
        QCOMPARE(term(e.host_terms, "error measurement"), T * (5 * 256 + 2 * 768) * 4);
        QCOMPARE(term(e.host_terms, "layer weights"), 4 * P * 4);
        // Kept results: a byte per code, 8 bytes per group of 128 (float scale, int32 zero), the four
        // groups' scales (256 + 256 + 256 + 768 floats).
        const double groups = 256 * 2 + 64 * 2 * 2 + 256 * 2 + 768 * 2 * 2 + 256 * 6;
        QCOMPARE(term(e.host_terms, "quantized layers"), 6 * (P + groups * 8 + (256 + 256 + 256 + 768) * 4));
        QCOMPARE(e.host_phase, std::string("last layer"));
        double total = 0;
        for (const auto& t : e.host_terms) total += t.amount;
        QCOMPARE(double(e.host_bytes), std::floor(total));
        // The fit figure leaves out the mapped pages but one layer's.
        QVERIFY(e.host_required_bytes < e.host_bytes);
        QVERIFY(double(e.host_bytes - e.host_required_bytes) < weights);
        QCOMPARE(e.gpu_bytes, uint64_t(0));
        QVERIFY(e.gpu_terms.empty());
    }

    // Time: every stage the engine runs has a term, the FLOPs of the capture by hand (per token: 2 × the
    // linear weights + 2 · q_dim · block length for causal attention), and no term is negative.
    void bundledModelTimeTerms() {
        const RunEstimate e = estimate_run(bundled_shape(42));
        for (const char* stage : {"capture", "search qkv", "search gate_up", "search down", "clip", "quantize", "measure",
                                  "sensitivity", "load"})
            QVERIFY2(term(e.time_terms, stage) > 0, stage);
        QCOMPARE(term(e.time_terms, "search o"), -1.0);  // grouped-query attention: v → o is not scaled
        const double capture_flops = 6 * 42 * 512 * (2 * 753664.0 + 2 * 256 * 512);
        QVERIFY(std::abs(term(e.time_terms, "capture") * 2 * estimate_rates().cpu_flops_per_core - capture_flops) <
                1e-6 * capture_flops);
        double sum = 0;
        for (const auto& t : e.time_terms) sum += t.amount;
        QVERIFY(std::abs(sum - e.seconds) < 1e-9 * e.seconds);
        // RTN without error feedback: only the capture, the error measurement, the sensitivity and I/O.
        RunShape rtn = bundled_shape(42);
        rtn.settings.rtn = true;
        rtn.settings.error_feedback = false;
        const RunEstimate r = estimate_run(rtn);
        QCOMPARE(term(r.time_terms, "search qkv"), -1.0);
        QCOMPARE(term(r.time_terms, "clip"), -1.0);
        QCOMPARE(term(r.time_terms, "quantize"), -1.0);
        QVERIFY(r.seconds < e.seconds);
    }

    void monotonicInBlocks() {
        RunEstimate prev = estimate_run(bundled_shape(1));
        for (int64_t b : {2, 4, 8, 16, 42, 128, 1024}) {
            const RunEstimate e = estimate_run(bundled_shape(b));
            QVERIFY2(e.host_bytes > prev.host_bytes, qPrintable(QString::number(b)));
            QVERIFY2(e.seconds > prev.seconds, qPrintable(QString::number(b)));
            prev = e;
        }
        // The search blocks change the time (the α grid and the sensitivity) and never the peak memory here.
        RunShape s = bundled_shape(42);
        double t_prev = 0;
        for (int64_t sb : {1, 4, 8, 16, 42}) {
            s.settings.search_blocks = sb;
            const RunEstimate e = estimate_run(s);
            QVERIFY2(e.seconds > t_prev, qPrintable(QString::number(sb)));
            t_prev = e.seconds;
        }
        s.settings.search_blocks = 0;  // all: as many as 42
        QCOMPARE(estimate_run(s).seconds, t_prev);
        // Fewer grid points, less time.
        s.settings.n_grid = 10;
        QVERIFY(estimate_run(s).seconds < t_prev);
    }

    void fitDecision() {
        const RunShape s = bundled_shape(42);
        const RunEstimate e = estimate_run(s);
        QVERIFY(check_fit(s, e, e.host_required_bytes).fits());
        const FitCheck f = check_fit(s, e, e.host_required_bytes - 1);
        QVERIFY(!f.fits());
        QVERIFY(!f.host_fits);
        QVERIFY(!f.suggestions.empty());
        QCOMPARE(int(f.suggestions[0].kind), int(FitSuggestion::Kind::FewerBlocks));
        const int64_t b = f.suggestions[0].blocks;
        QVERIFY(b > 0 && b < 42);
        RunShape fewer = s;
        fewer.blocks = b;
        QVERIFY(estimate_run(fewer).host_required_bytes <= e.host_required_bytes - 1);
        fewer.blocks = b + 1;
        QVERIFY(estimate_run(fewer).host_required_bytes > e.host_required_bytes - 1);
        // A GPU that is present is suggested when its run fits (the activations live on the device).
        const FitCheck g = check_fit(s, e, e.host_required_bytes - 1, 0, true);
        bool gpu = false;
        for (const auto& t : g.suggestions) gpu = gpu || t.kind == FitSuggestion::Kind::UseGpu;
        QVERIFY(gpu);
        const std::string w = fit_warning(s, e, g);
        QVERIFY2(w.find("fewer calibration samples (at most " + std::to_string(b) + " blocks") != std::string::npos, w.c_str());
        QVERIFY2(w.find("--device cuda") != std::string::npos, w.c_str());
        // Nothing fits in 1 MiB: not even one block.
        const FitCheck none = check_fit(s, e, 1 << 20);
        QCOMPARE(none.suggestions[0].blocks, int64_t(0));
    }

    // The synthetic Llama-2-7B shape on the GPU, 64 × 512 tokens: the H100 run measured 16.6 GiB in the
    // backend's buffers and 17.2 GiB peak on the device (docs/benchmarks.md, "Quantization on the GPU").
    void gpuMemoryOf7B() {
        RunShape s;
        s.config.model_type = "llama";
        s.config.hidden_size = 4096;
        s.config.intermediate_size = 11008;
        s.config.num_attention_heads = s.config.num_key_value_heads = 32;
        s.config.head_dim = 128;
        s.config.num_hidden_layers = 32;
        s.config.vocab_size = 32000;
        s.config.torch_dtype = "float16";
        s.blocks = 64;
        s.block_len = 512;
        s.device = EstimateDevice::Cuda;
        const RunEstimate e = estimate_run(s);
        const double gib = double(e.gpu_bytes) / double(1 << 30);
        QVERIFY2(gib > 16.6 && gib < 17.2 * 1.05, qPrintable(QString::number(gib)));
        // Too small a GPU: fewer blocks, or the CPU when the host has room.
        const FitCheck f = check_fit(s, e, uint64_t(1) << 40, uint64_t(8) << 30);
        QVERIFY(f.host_fits && !f.gpu_fits);
        bool cpu = false;
        for (const auto& t : f.suggestions) cpu = cpu || t.kind == FitSuggestion::Kind::UseCpu;
        QVERIFY(cpu);
        QVERIFY(f.suggestions[0].blocks > 0 && f.suggestions[0].blocks < 64);
    }

    void memAvailable() {
        const std::string text = "MemTotal:       24588712 kB\nMemFree:         1034080 kB\nMemAvailable:   19265224 kB\n";
        QCOMPARE(parse_mem_available(text, "meminfo"), uint64_t(19265224) * 1024);
        QVERIFY_THROWS_EXCEPTION(FormatError, parse_mem_available("MemTotal: 1 kB\n", "meminfo"));
        QVERIFY_THROWS_EXCEPTION(FormatError, parse_mem_available("MemAvailable: -1 kB\n", "meminfo"));
        QVERIFY_THROWS_EXCEPTION(FormatError, parse_mem_available("MemAvailable: 12 MB\n", "meminfo"));
        QVERIFY_THROWS_EXCEPTION(FormatError, parse_mem_available("MemAvailable: 99999999999999999999 kB\n", "meminfo"));
        try {
            parse_mem_available("MemAvailable: lots\n", "/proc/meminfo");
            QFAIL("no error");
        } catch (const FormatError& e) {
            QVERIFY(std::string(e.what()).find("/proc/meminfo") != std::string::npos);
        }
        const auto here = host_memory_available();
        QVERIFY(here.has_value() && *here > 0);  // Linux
    }

    void emptyCalibrationIsRefused() {
        QVERIFY_THROWS_EXCEPTION(InvalidArgument, estimate_run(bundled_shape(0)));
    }

    void cliEstimateOnly() {
        QTemporaryDir tmp;
        const QString out = tmp.filePath("out");
        const CliRun r = run_cli({"quantize", QString::fromStdString(bundled_model().string()), "--out", out,
                                  "--samples", "16", "--seqlen", "128", "--device", "cpu", "--estimate-only"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.out.startsWith("estimate: ~"), qPrintable(r.out));
        QVERIFY2(r.out.contains("calibration activations") && r.out.contains("search gate_up"), qPrintable(r.out));
        QVERIFY(!QFileInfo::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestRunEstimate)
#include "test_run_estimate.moc"
