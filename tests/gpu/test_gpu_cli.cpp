// SPDX-License-Identifier: MIT
// `awq quantize --device cuda` (the CLI through the runtime-loaded libawq_cuda.so) against `--device cpu`
// on the bundled model with the same small calibration. Skips without a CUDA device.
//
// Bounds (tests/gpu/gpu_error_bounds.hpp), those of tests/gpu/test_gpu_quant.cpp's end-to-end test (the GPU's fp32 SGEMMs sum in another
// order than the CPU's, so a near tie may flip; on the bundled model the backend has given identical codes):
//   chosen alpha per group equal, or else a near tie (the CPU's own losses of the two within 1e-3);
//   in layers whose alphas all agree: INT4 codes >= 99.9 % identical, zero points and fp16 scales differ in
//   <= 1 % of the (row, group)s (a clip-factor near tie or an fp16 rounding flip), folded norms within one
//   fp16 ulp (2^-10 relative); tensors copied from the original (embeddings, final norm, lm_head) identical.
// Whether everything came out byte-identical is printed. Also `awq bench --device cuda --quick` (the GPU
// benchmarks through the plugin): tables printed, JSON written with the expected rows.
//
// The CLI is $AWQ_CLI when set (else the build tree's); the model and calibration follow
// awq::bundled_model_path() ($AWQ_STUDIO_DATA when set), so the binaries can be run from another checkout.
#include "gpu_error_bounds.hpp"
#include "test_util.hpp"

#include "model_runner.hpp"

#include <awq/io/tensor_store.hpp>
#include <awq/model/bundled.hpp>
#include <awq/quant/report.hpp>

#include <QProcess>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <set>

using namespace awq;
using namespace awq::test;

namespace {

CliRun quantize(const std::filesystem::path& out, const QString& device) {
    return run_cli({"quantize", QString::fromStdString(bundled_model_path().string()), "--out",
                    QString::fromStdString(out.string()), "--samples", "16", "--seqlen", "128", "--device", device});
}

constexpr double kTieRel = gpu_bound::kAlphaTie;

// Differing 4-bit fields of two packed int32 tensors (AutoAWQ qweight / qzeros: eight per value, in the
// same order on both sides).
int64_t differing_nibbles(const TensorView& a, const TensorView& b) {
    int64_t n = 0;
    for (size_t k = 0; k < a.nbytes; ++k) {
        const auto x = uint8_t(a.data[k]), y = uint8_t(b.data[k]);
        n += ((x ^ y) & 0x0f) != 0;
        n += ((x ^ y) & 0xf0) != 0;
    }
    return n;
}

// Differing fp16 values.
int64_t differing_halves(const TensorView& a, const TensorView& b) {
    int64_t n = 0;
    for (size_t k = 0; k + 1 < a.nbytes; k += 2) n += a.data[k] != b.data[k] || a.data[k + 1] != b.data[k + 1];
    return n;
}

}  // namespace

class TestGpuCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        if (!cuda::cuda_device_available()) QSKIP("no CUDA device");
    }

    void cudaMatchesCpu() {
        TempDir dir;
        const auto gpu_out = dir.path / "gpu", cpu_out = dir.path / "cpu";
        const CliRun g = quantize(gpu_out, "cuda");
        qInfo("--device cuda stderr:\n%s", qPrintable(g.err));
        QCOMPARE(g.exit_code, 0);
        QVERIFY2(g.err.contains("device: "), qPrintable(g.err));
        QVERIFY2(!g.err.contains("note: running on the CPU"), qPrintable(g.err));
        const CliRun c = quantize(cpu_out, "cpu");
        QCOMPARE(c.exit_code, 0);
        qInfo("cuda: %s", qPrintable(g.out.section('\n', 0, 0)));
        qInfo("cpu:  %s", qPrintable(c.out.section('\n', 0, 0)));

        // The scale search chose the same grid point in every group, or a near tie.
        const Report rg = read_report(gpu_out / "awq_report.json"), rc = read_report(cpu_out / "awq_report.json");
        QCOMPARE(rg.layers.size(), rc.layers.size());
        std::set<int> agreeing_layers;
        int groups = 0, ties = 0;
        for (size_t l = 0; l < rc.layers.size(); ++l) {
            QCOMPARE(rg.layers[l].groups.size(), rc.layers[l].groups.size());
            bool all_agree = true;
            for (size_t i = 0; i < rc.layers[l].groups.size(); ++i) {
                const GroupReport &a = rg.layers[l].groups[i], &b = rc.layers[l].groups[i];
                ++groups;
                if (a.best_index == b.best_index) continue;
                all_agree = false;
                ++ties;
                QVERIFY(a.best_index >= 0 && size_t(a.best_index) < b.losses.size() && b.best_index >= 0);
                const double la = b.losses[size_t(a.best_index)], lb = b.losses[size_t(b.best_index)];
                qInfo("layer %zu %s: alpha %g (cuda) vs %g (cpu); the CPU's losses %.9e vs %.9e", l, b.name.c_str(),
                      a.best_alpha, b.best_alpha, la, lb);
                QVERIFY2(std::abs(la - lb) <= kTieRel * std::abs(lb), qPrintable(QString("layer %1 group %2: not a near tie")
                                                                                    .arg(l).arg(QString::fromStdString(b.name))));
            }
            if (all_agree) agreeing_layers.insert(int(l));
        }
        QVERIFY(groups > 0);

        // The exported checkpoints, tensor by tensor.
        const TensorStore sg = TensorStore::open_folder(gpu_out), sc = TensorStore::open_folder(cpu_out);
        QCOMPARE(sg.names(), sc.names());
        int64_t codes = 0, codes_differ = 0, params = 0, params_differ = 0;
        int compared = 0, identical = 0;
        double worst_norm = 0;
        for (const std::string& name : sc.names()) {
            const TensorView &a = sg.get(name), &b = sc.get(name);
            QVERIFY2(a.dtype == b.dtype && a.shape == b.shape, name.c_str());
            QCOMPARE(a.nbytes, b.nbytes);
            const bool same = std::memcmp(a.data, b.data, a.nbytes) == 0;
            identical += same;
            ++compared;
            int layer = -1;
            if (name.rfind("model.layers.", 0) == 0) layer = std::atoi(name.c_str() + std::strlen("model.layers."));
            if (layer < 0) {
                QVERIFY2(same, (name + ": copied from the original, yet differs").c_str());
                continue;
            }
            if (!agreeing_layers.count(layer)) continue;
            if (name.ends_with(".qweight")) {
                codes += int64_t(a.nbytes) * 2;
                if (!same) codes_differ += differing_nibbles(a, b);
            } else if (name.ends_with(".qzeros")) {
                params += int64_t(a.nbytes) * 2;
                if (!same) params_differ += differing_nibbles(a, b);
            } else if (name.ends_with(".scales")) {
                if (!same) params_differ += differing_halves(a, b);
            } else if (!same) {
                worst_norm = std::max(worst_norm, max_rel_error(a.to_f32(), b.to_f32()));
            }
        }
        qInfo("%d groups (%d near ties), %zu of %zu layers compared strictly; %d of %d tensors byte-identical; codes "
              "differing %lld of %lld, zero points / scales %lld of %lld, folded norms max rel diff %.3e",
              groups, ties, agreeing_layers.size(), rc.layers.size(), identical, compared, (long long)codes_differ,
              (long long)codes, (long long)params_differ, (long long)params * 2, worst_norm);
        QVERIFY(codes > 0);
        QVERIFY(double(codes_differ) <= gpu_bound::kCodesDifferingShare * double(codes));
        QVERIFY(double(params_differ) <= gpu_bound::kParamsDifferingShare * double(params) * 2);  // zero points and scales: 2 per (row, group)
        QVERIFY(worst_norm <= gpu_bound::kExportedNorms);
    }

    // awq bench --device cuda: the GPU benchmarks through the plugin (kernel table and end-to-end, shrunk
    // by --quick) print their tables and write the JSON, with a kernel row per m of the one shape and the
    // end-to-end rows (FP16, INT4, INT4 with overlapped launches) of positive speeds.
    void benchRunsThroughThePlugin() {
        TempDir dir;
        const auto json = dir.path / "gpu-bench.json";
        const CliRun r = run_cli({"bench", "--device", "cuda", "--quick", "--json", QString::fromStdString(json.string())});
        qInfo("stdout:\n%s\nstderr:\n%s", qPrintable(r.out), qPrintable(r.err));
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.err.contains("device: "), qPrintable(r.err));
        QVERIFY2(r.out.contains("end to end"), qPrintable(r.out));
        std::ifstream in(json);
        const nlohmann::json j = nlohmann::json::parse(in);
        QVERIFY(!j["device"].get<std::string>().empty());
        QCOMPARE(j["rows"].size(), size_t(3));  // --quick: 4096 x 4096 at m = 1, 16, 1024
        for (const auto& row : j["rows"]) QVERIFY(row["int4_ms"].get<double>() > 0);
        QCOMPARE(j["e2e"]["rows"].size(), size_t(3));
        for (const auto& row : j["e2e"]["rows"]) QVERIFY(row["decode_tokens_per_s"].get<double>() > 0);
    }
};

QTEST_GUILESS_MAIN(TestGpuCli)
#include "test_gpu_cli.moc"
