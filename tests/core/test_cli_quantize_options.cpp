// SPDX-License-Identifier: MIT
// awq quantize's search options end to end through the CLI: --clip-row-check reaches the engine and the
// report (a 3-bit run with `on` reverts rows, one with `off` none; `awq report` names the mode),
// --search-blocks reaches the report and its summary, and bad values are usage errors before any work. (A separate executable from test_awq_engine, which also runs
// under TSan, where forking the CLI from a process with OpenMP threads trips TSan's own runtime.)
#include "test_util.hpp"

#include <awq/quant/report.hpp>

using namespace awq;
using namespace awq::test;

namespace {

QString q(const std::filesystem::path& p) { return QString::fromStdString(p.string()); }

// A small 3-bit run that writes only its report.
CliRun quantize_w3(const std::filesystem::path& report, const QString& row_check, const QStringList& more = {}) {
    return run_cli(QStringList{"quantize", q(bundled_model()), "--w-bit", "3", "--samples", "8", "--seqlen", "64",
                               "--n-grid", "4", "--report", q(report), "--range-search", "clip", "--clip-row-check", row_check} +
                   more);
}

double reverted_rows(const Report& r) {
    double sum = 0;
    for (const LayerReport& l : r.layers)
        for (const ClipReport& c : l.clips) sum += c.rows_reverted;
    return sum;
}

}  // namespace

class TestCliQuantizeOptions : public QObject {
    Q_OBJECT

private slots:
    void clipRowCheckReachesTheReport() {
        TempDir dir;
        const CliRun on = quantize_w3(dir.path / "on.json", "on");
        QVERIFY2(on.exit_code == 0, qPrintable(on.err));
        const CliRun off = quantize_w3(dir.path / "off.json", "off");
        QVERIFY2(off.exit_code == 0, qPrintable(off.err));
        const Report r_on = read_report(dir.path / "on.json"), r_off = read_report(dir.path / "off.json");
        QCOMPARE(r_on.settings.clip_row_check, ClipRowCheck::On);
        QCOMPARE(r_off.settings.clip_row_check, ClipRowCheck::Off);
        QVERIFY(reverted_rows(r_on) > 0);
        QCOMPARE(reverted_rows(r_off), 0.0);

        const CliRun shown_on = run_cli({"report", q(dir.path / "on.json")});
        QCOMPARE(shown_on.exit_code, 0);
        QVERIFY2(shown_on.out.contains("(w3 g128, zero point, clip with row check, duo scaling"), qPrintable(shown_on.out));
        const CliRun shown_off = run_cli({"report", q(dir.path / "off.json")});
        QVERIFY2(shown_off.out.contains("(w3 g128, zero point, clip, duo scaling"), qPrintable(shown_off.out));
    }

    void searchBlocksReachesTheReport() {
        TempDir dir;
        const CliRun run = quantize_w3(dir.path / "r.json", "auto", {"--search-blocks", "2"});
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const Report r = read_report(dir.path / "r.json");
        QCOMPARE(r.settings.search_blocks, int64_t(2));
        QVERIFY(r.calibration_blocks > 2);
        const CliRun shown = run_cli({"report", q(dir.path / "r.json")});
        QVERIFY2(shown.out.contains(QString("%1 blocks of 64 tokens (attention and MLP scale search on the first 2)")
                                        .arg(r.calibration_blocks)),
                 qPrintable(shown.out));

        const CliRun bad = quantize_w3(dir.path / "x.json", "auto", {"--search-blocks", "-1"});
        QCOMPARE(bad.exit_code, 2);
        QVERIFY2(bad.err.contains("--search-blocks"), qPrintable(bad.err));
        QVERIFY(!std::filesystem::exists(dir.path / "x.json"));
    }

    void badClipRowCheckIsAUsageError() {
        TempDir dir;
        const CliRun bad = quantize_w3(dir.path / "x.json", "sometimes");
        QCOMPARE(bad.exit_code, 2);
        QVERIFY2(bad.err.contains("--clip-row-check: 'sometimes' is not auto, on or off"), qPrintable(bad.err));
        QVERIFY(!bad.err.contains("calibration:"));  // refused before the calibration is read
        QVERIFY(!std::filesystem::exists(dir.path / "x.json"));
    }
};

QTEST_GUILESS_MAIN(TestCliQuantizeOptions)
#include "test_cli_quantize_options.moc"
