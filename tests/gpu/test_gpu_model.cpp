// SPDX-License-Identifier: MIT
// The GPU model runner (kernels/host/model_runner.hpp) against the CPU forward pass (awq::InferenceSession) on
// the bundled model, FP16 and INT4, plus its errors. Skips itself without a CUDA device (the input and
// device checks that need none still run).
//
// Protocol: a 40-token prompt fed at once with all_logits (every prefill row compared), then 8 greedy
// decode steps in which both sides are fed the CPU's argmax (teacher forcing, so that one near-tie cannot
// make the two sequences diverge); the logits of every step are compared.
//
// Bounds: tests/gpu/gpu_error_bounds.hpp (the runner's). Logits: max |gpu - cpu| / max |cpu| <= 1e-2 per
// step (and over all prefill rows).
//   The GPU stores activations and weights in fp16 between kernels (fp32 inside them), the CPU keeps
//   float throughout; nothing else differs. A CPU emulation of exactly those fp16 storage points
//   (weights, embedding, norm outputs, q/k after RoPE, the KV cache, attention output, residual stream,
//   SwiGLU output, final norm; done while writing this test) gives 1.5e-4 .. 5.5e-4 on this model for both
//   FP16 and INT4, so 1e-2 leaves a factor ~20 for accumulation order and fp32 transcendental
//   differences, while any indexing, layout or missing-step slip moves logits by O(max |cpu|).
// Greedy tokens: the argmax must agree at every step except a near tie, i.e. where the CPU's logit of
//   the GPU's choice is within 2 * bound * max |cpu| of its maximum (the emulation's smallest top-2
//   margin here is 1.9e-2 of max |cpu|, so a mismatch is not expected; at most one is tolerated).
// INT4 vs the same weights dequantised and run as FP16 on the GPU: the fp16 weights are bit-identical
//   (fp16((q - z) * s) both ways), only the kernels' summation order differs: bound 5e-3.
// CUDA graph decode vs plain launches (cuda_graph_decode_matches_plain): asserted bit-identical. A graph
//   replays exactly the kernels and cuBLAS calls that forward(1, 1) launches, with the same arguments and
//   buffers (the token and position reach both through the same device buffers; cuBLAS has the same
//   explicit workspace, so it picks the same algorithm), and none of the kernels depends on timing
//   (no atomics, fixed reduction orders): any difference means the graph runs something else, e.g. a
//   stale position. Both paths must also meet the CPU bound above.
#include "dequant_int4.cuh"
#include "model_runner.hpp"
#include "gpu_error_bounds.hpp"
#include "gpu_test_util.hpp"
#include "test_util.hpp"

#include <awq/cpu/int4_dispatch.hpp>
#include <awq/error.hpp>
#include <awq/model/model.hpp>
#include <awq/quant/calibration.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/runtime/session.hpp>

#include <cuda_runtime_api.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>

using namespace awq;
using namespace awq::test;

namespace {

constexpr double kBound = gpu_bound::kRunnerLogits;
constexpr double kInt4VsDequantBound = gpu_bound::kInt4VsDequantised;
constexpr int kPromptTokens = 40, kDecodeSteps = 8;

std::vector<int32_t> prompt_ids(const Model& m) {
    auto ids = m.tokenizer().encode(
        "In the beginning God created the heaven and the earth. And the earth was without form, and void; and "
        "darkness was upon the face of the deep. And the Spirit of God moved upon the face of the waters. And God "
        "said, Let there be light: and there was light.",
        true);
    if (ids.size() > size_t(kPromptTokens)) ids.resize(size_t(kPromptTokens));
    return ids;
}

int argmax(const std::vector<float>& v) { return int(std::max_element(v.begin(), v.end()) - v.begin()); }

double max_abs(const std::vector<float>& v) {
    double m = 0;
    for (float x : v) m = std::max(m, double(std::abs(x)));
    return m;
}

std::vector<float> last_row(const std::vector<float>& all, int64_t vocab) {
    return std::vector<float>(all.end() - vocab, all.end());
}

// Anything with feed(tokens, all_logits): InferenceSession and ModelRunner.
struct Trace {
    std::vector<float> prefill;             // [prompt][vocab]
    std::vector<std::vector<float>> steps;  // last-position logits: after the prompt, then per decode step
};

// Runs the protocol on `reference` (choosing the tokens) and `other` (fed the same tokens).
template <class A, class B>
void run_both(A& reference, B& other, const std::vector<int32_t>& prompt, int64_t vocab, Trace& ra, Trace& rb) {
    ra.prefill = reference.feed(prompt, true);
    rb.prefill = other.feed(prompt, true);
    ra.steps = {last_row(ra.prefill, vocab)};
    rb.steps = {last_row(rb.prefill, vocab)};
    for (int s = 0; s < kDecodeSteps; ++s) {
        const int32_t next = argmax(ra.steps.back());
        ra.steps.push_back(reference.feed({next}));
        rb.steps.push_back(other.feed({next}));
    }
}

// The bounds of the header comment; `what` names the comparison in failure messages.
void compare(const Trace& got, const Trace& ref, double bound, const char* what) {
    QCOMPARE(got.prefill.size(), ref.prefill.size());
    QVERIFY2(std::all_of(got.prefill.begin(), got.prefill.end(), [](float x) { return std::isfinite(x); }),
             qPrintable(QString("%1: non-finite prefill logits").arg(what)));
    const double all = max_rel_error(got.prefill, ref.prefill);
    qInfo("%s: prefill, all %d positions: max rel error %.3e", what, int(got.prefill.size() / ref.steps[0].size()), all);
    QVERIFY2(all <= bound, qPrintable(QString("%1: prefill logits differ by %2 > %3").arg(what).arg(all).arg(bound)));
    int mismatches = 0;
    for (size_t s = 0; s < ref.steps.size(); ++s) {
        const auto& g = got.steps[s];
        const auto& c = ref.steps[s];
        QCOMPARE(g.size(), c.size());
        const double err = max_rel_error(g, c), scale = max_abs(c);
        const int ga = argmax(g), ca = argmax(c);
        qInfo("%s: step %d: max rel error %.3e, argmax %d / %d", what, int(s), err, ga, ca);
        QVERIFY2(err <= bound, qPrintable(QString("%1: step %2: logits differ by %3 > %4").arg(what).arg(s).arg(err).arg(bound)));
        if (ga != ca) {
            ++mismatches;
            const double margin = double(c[size_t(ca)]) - double(c[size_t(ga)]);
            QVERIFY2(margin <= 2 * bound * scale,
                     qPrintable(QString("%1: step %2: argmax %3 instead of %4, not a near tie (margin %5 of %6)")
                                    .arg(what).arg(s).arg(ga).arg(ca).arg(margin).arg(scale)));
        }
    }
    QVERIFY2(mismatches <= 1, qPrintable(QString("%1: %2 greedy mismatches").arg(what).arg(mismatches)));
}

// Sets an environment variable for the scope (the runner reads AWQ_CUDA_SYNC when it is built).
class EnvOverride {
public:
    EnvOverride(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = std::string(old);
        setenv(name, value, 1);
    }
    ~EnvOverride() {
        if (old_) setenv(name_, old_->c_str(), 1);
        else unsetenv(name_);
    }
    EnvOverride(const EnvOverride&) = delete;
    EnvOverride& operator=(const EnvOverride&) = delete;

private:
    const char* name_;
    std::optional<std::string> old_;
};

// Feeds `runner` the prompt, then the tokens `ref` chose (the argmax of each of its steps but the last).
template <class R>
Trace replay(R& runner, const std::vector<int32_t>& prompt, const Trace& ref, int64_t vocab) {
    Trace t;
    t.prefill = runner.feed(prompt, true);
    t.steps = {last_row(t.prefill, vocab)};
    for (size_t s = 0; s + 1 < ref.steps.size(); ++s) t.steps.push_back(runner.feed({argmax(ref.steps[s])}));
    return t;
}

CalibrationSet small_calibration(const Model& m) {
    CalibrationOptions o;
    o.n_samples = 16;
    o.block_len = 64;
    return load_calibration(default_calibration_path(), m.tokenizer(), o);
}

}  // namespace

class TestGpuModel : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    QuantizationResult rtn_;
    bool quantized_ = false;

    const QuantizationResult& rtn() {
        if (!quantized_) {
            AwqSettings s;
            s.rtn = true;  // round to nearest: no search, seconds on the bundled model
            s.error_feedback = false;
            rtn_ = quantize_model(model_, small_calibration(*model_), s);
            quantized_ = true;
        }
        return rtn_;
    }

private slots:
    void initTestCase() {
        // The CPU reference decodes INT4 with float activations, as the GPU's fp16 kernels do; the default
        // int8-activation gemv has its own bound against that path (test_int4_q8).
        set_int4_kernel(Int4Kernel::avx2);
        model_ = Model::load(bundled_model());
    }

    // Without a device the runner refuses to start, naming the reason (this slot runs everywhere).
    void no_device_is_reported() {
        if (have_device()) QSKIP("a CUDA device is present");
        expect_error<Unsupported>([&] { cuda::ModelRunner r(*model_); }, {"no CUDA device", "CPU"});
        QVERIFY(!cuda::cuda_device_available());
    }

    // (a) FP16: the bundled (BF16) model, uploaded as fp16, against the CPU's float forward.
    void fp16_matches_cpu() {
        REQUIRE_DEVICE();
        cuda::ModelRunner gpu(*model_);
        QCOMPARE(gpu.weights_kind(), std::string("fp16"));
        InferenceSession cpu(model_, 256);
        Trace c, g;
        run_both(cpu, gpu, prompt_ids(*model_), model_->config().vocab_size, c, g);
        compare(g, c, kBound, "fp16");
        QCOMPARE(gpu.length(), int64_t(kPromptTokens + kDecodeSteps));
    }

    // A prompt longer than max_batch runs in chunks (16, 16, 8: the last one through the decode-size
    // kernels) that attend to the cache of the previous ones; reset() starts over and is deterministic.
    void chunked_prefill_and_reset() {
        REQUIRE_DEVICE();
        cuda::RunnerOptions o;
        o.max_batch = 16;
        cuda::ModelRunner gpu(*model_, o);
        InferenceSession cpu(model_, 256);
        const auto prompt = prompt_ids(*model_);
        Trace c, g;
        run_both(cpu, gpu, prompt, model_->config().vocab_size, c, g);
        compare(g, c, kBound, "fp16, chunks of 16");
        gpu.reset();
        QCOMPARE(gpu.length(), int64_t(0));
        const auto again = gpu.feed(prompt, true);
        QVERIFY2(max_rel_error(again, g.prefill) <= gpu_bound::kRepeatedPrompt, "the same prompt after reset() gives other logits");
        gpu.truncate(10);  // keep 10 positions, feed the rest: the last row must match the one-pass result
        const auto rest = gpu.feed(std::vector<int32_t>(prompt.begin() + 10, prompt.end()));
        QVERIFY(max_rel_error(rest, last_row(g.prefill, model_->config().vocab_size)) <= kBound);
    }

    // (b) INT4: the bundled model quantized in-process (RTN, g128), the CPU INT4 kernels against the GPU's
    // gemv_int4 / gemm_int4 on the same codes; then the GPU INT4 path against the same weights dequantised
    // and run as FP16 on the GPU (isolates the INT4 kernels from everything else).
    void int4_matches_cpu() {
        REQUIRE_DEVICE();
        const auto int4 = make_quantized_model(rtn(), true);
        QCOMPARE(int4->weights().layers[0].q_proj->kind(), std::string("int4-g128"));
        cuda::ModelRunner gpu(*int4);
        QCOMPARE(gpu.weights_kind(), std::string("int4-g128"));
        InferenceSession cpu(int4, 256);
        Trace c, g;
        run_both(cpu, gpu, prompt_ids(*int4), int4->config().vocab_size, c, g);
        compare(g, c, kBound, "int4");

        const auto dequant = make_quantized_model(rtn(), false);
        cuda::ModelRunner gpu_fp16(*dequant);
        QCOMPARE(gpu_fp16.weights_kind(), std::string("fp16"));
        cuda::ModelRunner gpu_int4(*int4);
        Trace d, q;
        run_both(gpu_fp16, gpu_int4, prompt_ids(*int4), int4->config().vocab_size, d, q);
        compare(q, d, kInt4VsDequantBound, "int4 vs dequantised fp16 (both GPU)");
        // INT4 weights take about a quarter of the FP16 linears' memory.
        QVERIFY(gpu_int4.memory().weights < gpu_fp16.memory().weights);
    }

    // A prompt of 200 tokens in one pass (max_batch 512): the INT4 linears take the long-prompt path
    // (m >= kInt4ViaF16MinM: dequantise, then cuBLAS; dequant_int4.cu). Every position's logits against the
    // CPU's INT4 kernels, within the same bound as the short prompt.
    void int4_long_prompt_matches_cpu() {
        REQUIRE_DEVICE();
        const auto int4 = make_quantized_model(rtn(), true);
        std::vector<int32_t> ids;
        const auto text = int4->tokenizer().encode(
            "And God saw the light, that it was good: and God divided the light from the darkness. ", false);
        while (ids.size() < 200) ids.insert(ids.end(), text.begin(), text.end());
        ids.resize(200);
        QVERIFY(int(ids.size()) >= cuda::kInt4ViaF16MinM);
        cuda::ModelRunner gpu(*int4);
        InferenceSession cpu(int4, 256);
        const auto g = gpu.feed(ids, true), c = cpu.feed(ids, true);
        QCOMPARE(g.size(), c.size());
        double diff = 0;
        for (size_t i = 0; i < g.size(); ++i) diff = std::max(diff, double(std::fabs(g[i] - c[i])));
        const double rel = diff / max_abs(c);
        qInfo("200-token INT4 prompt: max |gpu - cpu| / max |cpu| = %.3g", rel);
        QVERIFY2(rel < kBound, qPrintable(QString::number(rel)));
    }

    // Decode by CUDA graph replay against plain launches, and both against the CPU: the bundled model in
    // FP16 and INT4 (q|k|v and gate|up merged), and the random qwen2 (biases on the merged q|k|v) and
    // qwen3 (per-head q/k norms: separate q, k, v linears) fixtures (random weights: only the logits bound
    // against the CPU, no greedy-agreement check). After the protocol both runners are
    // truncated to 20 positions and decode again (the graph replays at earlier positions); then a
    // single-token all_logits feed, an all_logits feed longer than any before (the logits buffer the graph
    // writes is reallocated, so the next decode step must recapture) and one more decode step.
    void cuda_graph_decode_matches_plain_data() {
        QTest::addColumn<QString>("which");
        QTest::newRow("bundled fp16") << "fp16";
        QTest::newRow("bundled int4") << "int4";
        QTest::newRow("qwen2 fixture") << "qwen2";
        QTest::newRow("qwen3 fixture") << "qwen3";
    }
    void cuda_graph_decode_matches_plain() {
        REQUIRE_DEVICE();
        QFETCH(QString, which);
        const EnvOverride no_sync("AWQ_CUDA_SYNC", "0");  // graphs are off under AWQ_CUDA_SYNC=1
        std::shared_ptr<Model> m = model_;
        if (which == "int4") m = make_quantized_model(rtn(), true);
        if (which == "qwen2" || which == "qwen3") m = Model::load(fixtures() / "random-models" / which.toStdString());
        const int64_t vocab = m->config().vocab_size;
        cuda::RunnerOptions plain_options;
        plain_options.cuda_graphs = false;
        cuda::ModelRunner graph(*m), plain(*m, plain_options);
        QVERIFY2(graph.cuda_graphs(), graph.cuda_graph_note().c_str());
        QVERIFY(!plain.cuda_graphs());
        QVERIFY(plain.cuda_graph_note().find("off") != std::string::npos);
        InferenceSession cpu(m, 256);
        const auto prompt = prompt_ids(*m);
        Trace c, g;
        run_both(cpu, graph, prompt, vocab, c, g);
        const Trace p = replay(plain, prompt, c, vocab);
        QVERIFY2(graph.cuda_graphs(), graph.cuda_graph_note().c_str());  // the capture worked
        QVERIFY(graph.decode_graph_nodes() > 0);
        QCOMPARE(plain.decode_graph_nodes(), size_t(0));
        qInfo("%s: decode graph of %zu nodes (%d layers)", qPrintable(which), graph.decode_graph_nodes(),
              int(m->config().num_hidden_layers));
        if (which == "fp16" || which == "int4") {
            compare(g, c, kBound, "graph");
            compare(p, c, kBound, "plain");
        } else {  // random weights: near-flat logits, so argmax ties are common; the logits bound only
            for (size_t s = 0; s < c.steps.size(); ++s)
                QVERIFY2(max_rel_error(g.steps[s], c.steps[s]) <= kBound,
                         qPrintable(QString("step %1: %2").arg(s).arg(max_rel_error(g.steps[s], c.steps[s]))));
            QVERIFY(max_rel_error(g.prefill, c.prefill) <= kBound);
        }
        QVERIFY(g.prefill == p.prefill);
        for (size_t s = 0; s < g.steps.size(); ++s)
            QVERIFY2(g.steps[s] == p.steps[s], qPrintable(QString("step %1: graph and plain logits differ").arg(s)));

        graph.truncate(20);
        plain.truncate(20);
        for (int s = 0; s < 4; ++s) {
            const int32_t next = argmax(c.steps[size_t(s)]);
            QVERIFY2(graph.feed({next}) == plain.feed({next}), qPrintable(QString("after truncate, step %1").arg(s)));
        }
        QCOMPARE(graph.length(), int64_t(24));
        const auto ga = graph.feed({5}, true), pa = plain.feed({5}, true);
        QCOMPARE(ga.size(), size_t(vocab));
        QVERIFY2(ga == pa, "single-token all_logits feed: graph and plain logits differ");
        std::vector<int32_t> longer = prompt;
        longer.insert(longer.end(), prompt.begin(), prompt.end());
        QVERIFY2(graph.feed(longer, true) == plain.feed(longer, true), "long all_logits feed");
        QVERIFY2(graph.feed({6}) == plain.feed({6}), "the decode step after the logits buffer grew");
        QVERIFY2(graph.cuda_graphs() && graph.decode_graph_nodes() > 0, graph.cuda_graph_note().c_str());
        graph.set_cuda_graphs(false);  // switched off: plain launches, the same logits
        QVERIFY(!graph.cuda_graphs());
        QVERIFY(graph.feed({7}) == plain.feed({7}));
    }

    // RunnerOptions::overlap_launches (decode gemvs prefetch their weights into L2 and are launched
    // programmatically, the kernels before them let them start early) changes when kernels run, never what
    // they compute: the logits are bit-identical to plain launches without it, with and without graph
    // replay (a programmatic launch captured into the graph). A gemv that read x before the kernel writing
    // it had finished would show here as different logits.
    void overlapped_launches_match_plain() {
        REQUIRE_DEVICE();
        const EnvOverride no_sync("AWQ_CUDA_SYNC", "0");
        const std::shared_ptr<Model> m = make_quantized_model(rtn(), true);
        const int64_t vocab = m->config().vocab_size;
        cuda::RunnerOptions plain_options, overlap_options, overlap_plain_options;
        plain_options.cuda_graphs = false;
        overlap_options.overlap_launches = true;
        overlap_plain_options.overlap_launches = true;
        overlap_plain_options.cuda_graphs = false;
        cuda::ModelRunner plain(*m, plain_options), overlapped(*m, overlap_options),
            overlapped_plain(*m, overlap_plain_options);
        const auto prompt = prompt_ids(*m);
        Trace p, o;
        run_both(plain, overlapped, prompt, vocab, p, o);
        const Trace op = replay(overlapped_plain, prompt, p, vocab);
        QVERIFY2(overlapped.cuda_graphs() && overlapped.decode_graph_nodes() > 0, overlapped.cuda_graph_note().c_str());
        QVERIFY(o.prefill == p.prefill && op.prefill == p.prefill);
        for (size_t s = 0; s < p.steps.size(); ++s) {
            QVERIFY2(o.steps[s] == p.steps[s], qPrintable(QString("step %1: overlapped (graph) and plain logits differ").arg(s)));
            QVERIFY2(op.steps[s] == p.steps[s], qPrintable(QString("step %1: overlapped (no graph) and plain logits differ").arg(s)));
        }
    }

    // AWQ_CUDA_SYNC=1 (synchronise after every step) turns graphs off, and says so.
    void cuda_sync_disables_graphs() {
        REQUIRE_DEVICE();
        const EnvOverride sync("AWQ_CUDA_SYNC", "1");
        cuda::ModelRunner gpu(*model_);
        QVERIFY(!gpu.cuda_graphs());
        QVERIFY2(gpu.cuda_graph_note().find("AWQ_CUDA_SYNC") != std::string::npos, gpu.cuda_graph_note().c_str());
        gpu.feed({1, 2, 3});
        QCOMPARE(gpu.feed({4}).size(), size_t(model_->config().vocab_size));
        QCOMPARE(gpu.decode_graph_nodes(), size_t(0));
    }

    // Bad input is refused before anything runs, and the runner stays usable.
    void rejects_bad_input() {
        REQUIRE_DEVICE();
        cuda::RunnerOptions o;
        o.max_context = 32;
        cuda::ModelRunner gpu(*model_, o);
        QCOMPARE(gpu.max_context(), int64_t(32));
        expect_error<InvalidArgument>([&] { gpu.feed({}); }, {"no tokens"});
        expect_error<InvalidArgument>([&] { gpu.feed({1, int32_t(model_->config().vocab_size)}); },
                                      {"outside the vocabulary"});
        expect_error<InvalidArgument>([&] { gpu.feed(std::vector<int32_t>(33, 1)); }, {"context is full"});
        QCOMPARE(gpu.length(), int64_t(0));
        QCOMPARE(gpu.feed({1, 2, 3}).size(), size_t(model_->config().vocab_size));
        cuda::RunnerOptions bad;
        bad.max_batch = 70000;
        expect_error<InvalidArgument>([&] { cuda::ModelRunner r(*model_, bad); }, {"max_batch"});
    }

    // (c) GPU out of memory: a context of 2^31 - 1 tokens (a KV cache of ~3 TiB) is refused with
    // awq::OutOfMemory naming the allocation and its size and suggesting a way out; the failed cudaMalloc
    // leaves no error behind, the weights already uploaded are freed, and a normal runner works afterwards.
    void out_of_memory_names_the_allocation() {
        REQUIRE_DEVICE();
        TempDir dir;  // the bundled model with max_position_embeddings raised, so the context is not capped
        for (const auto& e : std::filesystem::directory_iterator(bundled_model()))
            if (e.path().filename() != "config.json") std::filesystem::create_symlink(e.path(), dir.path / e.path().filename());
        std::ifstream in(bundled_model() / "config.json");
        nlohmann::json cfg = nlohmann::json::parse(in);
        cfg["max_position_embeddings"] = 2147483647;
        std::ofstream(dir.path / "config.json") << cfg.dump(2);
        const auto big = Model::load(dir.path);
        size_t free_before = 0, total = 0;
        QCOMPARE(cudaMemGetInfo(&free_before, &total), cudaSuccess);
        cuda::RunnerOptions o;
        o.max_context = 2147483647;
        // Eight times: the ~13 MB of weights uploaded before each failure would add up to 100 MB if leaked.
        for (int i = 0; i < 8; ++i) {
            expect_error<OutOfMemory>([&] { cuda::ModelRunner r(*big, o); },
                                      {"KV cache", "MiB", "smaller context", "CPU"});
            QCOMPARE(cudaGetLastError(), cudaSuccess);
        }
        size_t free_after = 0;
        QCOMPARE(cudaMemGetInfo(&free_after, &total), cudaSuccess);
        qInfo("free device memory: %zu MiB before, %zu MiB after", free_before >> 20, free_after >> 20);
        QVERIFY2(free_after + (size_t(48) << 20) >= free_before, "device memory was not given back after the failures");
        cuda::ModelRunner ok(*big);  // 2048 tokens: fits
        QCOMPARE(ok.feed({1, 2, 3}).size(), size_t(big->config().vocab_size));
    }
};

QTEST_APPLESS_MAIN(TestGpuModel)
#include "test_gpu_model.moc"
