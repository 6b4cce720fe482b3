// SPDX-License-Identifier: MIT
// awq bench --int4-model: an AWQ checkpoint loaded from its folder is the INT4 side of the decode benchmark,
// with the weight memory the loader holds (the same as the in-memory RTN model of the same shape); a folder
// that is not an AWQ checkpoint of --model's shape is refused before any benchmark runs. --device: options of
// the other device's benchmark are usage errors; --device cuda without a GPU says why (the GPU run itself is
// tests/gpu/test_gpu_cli.cpp's).
#include "test_util.hpp"

#include <awq/export/awq_export.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <nlohmann/json.hpp>

#include <dlfcn.h>

#include <fstream>

using namespace awq;
using namespace awq::test;

namespace {

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

nlohmann::json bench_json(const QStringList& extra, const std::filesystem::path& json) {
    const CliRun r = run_cli(QStringList{"bench", "--quick", "--decode-tokens", "4", "--json", q(json)} + extra);
    if (r.exit_code != 0) qWarning("awq bench failed (%d): %s", r.exit_code, qPrintable(r.err));
    std::ifstream in(json);
    return r.exit_code == 0 ? nlohmann::json::parse(in) : nlohmann::json();
}

}  // namespace

class TestCliBench : public QObject {
    Q_OBJECT

    TempDir dir_;
    std::filesystem::path awq_dir_;
    QuantizationResult rtn_;

private slots:
    void initTestCase() {
        const auto model = Model::load(bundled_model());
        CalibrationOptions o;
        o.n_samples = 8;
        o.block_len = 64;
        AwqSettings rtn;
        rtn.rtn = true;
        rtn.error_feedback = false;
        awq_dir_ = dir_.path / "kjv-rtn-awq";
        rtn_ = quantize_model(model, load_calibration(default_calibration_path(), model->tokenizer(), o), rtn);
        export_awq_gemm(rtn_, awq_dir_);
    }

    void loadsTheCheckpoint() {
        const nlohmann::json j = bench_json({"--int4-model", q(awq_dir_)}, dir_.path / "loaded.json");
        QVERIFY(!j.is_null());
        QCOMPARE(j["decode_tokens"].get<int>(), 4);
        QVERIFY(j["int4_model"].get<std::string>().starts_with("loaded from "));
        const auto fp = Model::load(bundled_model());
        const uint64_t int4_bytes = j["decode"][1]["weight_bytes"].get<uint64_t>();
        QCOMPARE(int4_bytes, uint64_t(Model::load(awq_dir_)->weights().bytes()));
        QCOMPARE(j["decode"][0]["weight_bytes"].get<uint64_t>(), uint64_t(fp->weights().bytes()));
        QCOMPARE(j["fp16_weight_bytes"].get<uint64_t>(), uint64_t(fp->parameter_count()) * 2);
        QCOMPARE(j["int4_over_fp16_weights"].get<double>(), double(int4_bytes) / double(fp->parameter_count() * 2));
        QVERIFY(j["decode"][1]["tokens_per_second"].get<double>() > 0);
        // The default INT4 model (RTN in memory, make_quantized_model) holds the same layout and bytes.
        QCOMPARE(uint64_t(make_quantized_model(rtn_, true)->weights().bytes()), int4_bytes);
    }

    void refusesOtherCheckpoints() {
        CliRun r = run_cli({"bench", "--quick", "--int4-model", q(bundled_model())});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.contains("not an AWQ checkpoint"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());  // refused before the benchmarks

        r = run_cli({"bench", "--quick", "--model", q(fixtures() / "random-models" / "mistral"), "--int4-model", q(awq_dir_)});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.contains("differs from --model's"), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    // Usage errors (exit 2, nothing measured): an unknown device, a GPU option on the CPU benchmark and the
    // reverse, --gpu-quant with the kernel table's options.
    void deviceOptionsAreChecked() {
        const std::pair<QStringList, QString> cases[] = {
            {{"--device", "gpu"}, "awq bench takes cpu or cuda"},
            {{"--algos"}, "--algos applies to --device cuda"},
            {{"--ms", "1,4"}, "--ms applies to --device cuda"},
            {{"--gpu-quant"}, "--gpu-quant applies to --device cuda"},
            {{"--device", "cuda", "--model", q(bundled_model())}, "--model applies to the CPU benchmark"},
            {{"--device", "cuda", "--decode-tokens", "4"}, "--decode-tokens applies to the CPU benchmark"},
            {{"--device", "cuda", "--gpu-quant", "--algos"}, "--algos does not apply to --gpu-quant"},
        };
        for (const auto& [extra, message] : cases) {
            const CliRun r = run_cli(QStringList{"bench", "--quick"} + extra);
            QVERIFY2(r.exit_code == 2, qPrintable(extra.join(' ') + ": exit " + QString::number(r.exit_code) + ", " + r.err));
            QVERIFY2(r.err.contains(message), qPrintable(extra.join(' ') + ": " + r.err));
            QVERIFY2(r.out.isEmpty(), qPrintable(extra.join(' ') + ": " + r.out));
        }
    }

    // Without the NVIDIA driver, --device cuda fails with the probe's reason (exit 1) before any benchmark
    // runs. (Where the driver is installed a GPU may be present; tests/gpu/test_gpu_cli.cpp runs it there.)
    void cudaWithoutGpuSaysWhy() {
        if (dlopen(gpu_plugin::kDriverLibrary, RTLD_LAZY | RTLD_LOCAL))
            QSKIP("the NVIDIA driver is installed: a GPU may be present");
        const CliRun r = run_cli({"bench", "--device", "cuda", "--quick"});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.contains("--device cuda: "), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
