// `awq quantize --device cuda` (the CLI through the runtime-loaded libawq_cuda.so) against `--device cpu`
// on the bundled model with the same small calibration: the same chosen alphas, and the same exported
// codes, zero points and scales. Skips without a CUDA device.
//
// The CLI is $AWQ_CLI when set (else the build tree's); the model and calibration follow
// awq::bundled_model_path() ($AWQ_STUDIO_DATA when set), so the binaries can be run from another checkout.
#include "test_util.hpp"

#include "model_runner.hpp"

#include <awq/io/safetensors.hpp>
#include <awq/model/bundled.hpp>
#include <awq/quant/report.hpp>

#include <QProcess>

#include <cstdlib>
#include <cstring>

using namespace awq;
using namespace awq::test;

namespace {

QString cli_path() {
    const char* env = std::getenv("AWQ_CLI");
    return env && *env ? QString(env) : QString(AWQ_CLI_PATH);
}

struct CliRun {
    int exit_code = -1;
    QString out, err;
};

CliRun quantize(const std::filesystem::path& out, const QString& device) {
    QProcess p;
    p.start(cli_path(), {"quantize", QString::fromStdString(bundled_model_path().string()), "--out",
                         QString::fromStdString(out.string()), "--samples", "16", "--seqlen", "128", "--device", device});
    CliRun r;
    if (!p.waitForFinished(600000)) return r;
    r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
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

        // The scale search chose the same grid point in every group of every layer.
        const Report rg = read_report(gpu_out / "awq_report.json"), rc = read_report(cpu_out / "awq_report.json");
        QCOMPARE(rg.layers.size(), rc.layers.size());
        int groups = 0;
        for (size_t l = 0; l < rc.layers.size(); ++l) {
            QCOMPARE(rg.layers[l].groups.size(), rc.layers[l].groups.size());
            for (size_t i = 0; i < rc.layers[l].groups.size(); ++i) {
                const GroupReport &a = rg.layers[l].groups[i], &b = rc.layers[l].groups[i];
                QVERIFY2(a.best_index == b.best_index && a.best_alpha == b.best_alpha,
                         qPrintable(QString("layer %1 group %2: alpha %3 (cuda) vs %4 (cpu)")
                                        .arg(l).arg(QString::fromStdString(b.name)).arg(a.best_alpha).arg(b.best_alpha)));
                ++groups;
            }
        }
        QVERIFY(groups > 0);

        // The exported checkpoints, tensor by tensor: identical bytes expected (the GPU backend reproduces
        // the CPU's codes on this model); a mismatch is reported with its count of differing bytes.
        const TensorStore sg = TensorStore::open_folder(gpu_out), sc = TensorStore::open_folder(cpu_out);
        QCOMPARE(sg.names(), sc.names());
        int compared = 0;
        for (const std::string& name : sc.names()) {
            const TensorView &a = sg.get(name), &b = sc.get(name);
            QVERIFY2(a.dtype == b.dtype && a.shape == b.shape, name.c_str());
            QCOMPARE(a.nbytes, b.nbytes);
            size_t diff = 0;
            for (size_t k = 0; k < a.nbytes; ++k) diff += a.data[k] != b.data[k];
            QVERIFY2(diff == 0, qPrintable(QString("%1: %2 of %3 bytes differ").arg(QString::fromStdString(name))
                                               .arg(diff).arg(a.nbytes)));
            ++compared;
        }
        qInfo("%d groups, %d tensors compared: identical", groups, compared);
    }
};

QTEST_GUILESS_MAIN(TestGpuCli)
#include "test_gpu_cli.moc"
