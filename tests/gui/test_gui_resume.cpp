// SPDX-License-Identifier: GPL-3.0-or-later
// Resuming an interrupted quantization from the Quantize page. A GUI run of the bundled model (8 x 64
// calibration tokens, 5 grid points, no clip search: see configure()) is cancelled after some layers are finished; starting again finds the work
// folder, the page asks, the test answers "Resume", and the exported folder must be byte-identical to the one
// of an uninterrupted run (the report: all but its timings), with the work folder gone. The CLI resumes a
// GUI-interrupted run to the same bytes, and a work folder from a different run gets a clear message, Cancel
// leaves it alone and Start over discards it. A crash between the export and the removal of the work folder
// resumes to the finished output without searching again.
#include "export_compare.hpp"
#include "gui_test_util.hpp"

#include <awq/quant/calibration.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/quant/work_folder.hpp>
#include <quantize_page.hpp>
#include <gui_metatypes.hpp>
#include <quantize_worker.hpp>

#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTimer>

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <fstream>
#include <map>

using namespace awq;
using namespace awq::gui;
using namespace awq::test;
namespace fs = std::filesystem;

namespace {

constexpr int kGrid = 5;

// Runs the CLI with `args`, its output going to `log`; returns its exit status (-1 when it could not run).
// posix_spawn rather than QProcess: under ThreadSanitizer (LLVM 14) QProcess's clone()-based start aborts inside
// TSan's own clone() interceptor, and this test runs under TSan in CI.
int run_cli(const std::vector<std::string>& args, const fs::path& log) {
    std::vector<std::string> argv_s = {AWQ_CLI_PATH};
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return -1;
    int status = 0;
    if (waitpid(pid, &status, 0) != pid) return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int state_layers_done(const fs::path& out) {
    const auto j = nlohmann::json::parse(file_bytes(work_folder_of(out) / "state.json"));
    return j.at("layers_done").get<int>();
}

// What one press of Start led to.
struct RunRecord {
    QList<QuantizeProgress> progress;
    int finished = 0, cancelled = 0;
    QStringList failed;
    QString dialog_text;  // the saved-work question, when it was asked
    bool started = false;
};

}  // namespace

class TestGuiResume : public QObject {
    Q_OBJECT

    std::shared_ptr<Model> model_;
    TempDir dir_;
    TempSettings settings_;  // the pages' Device: the CPU (set in initTestCase)
    fs::path reference_;
    int n_layers_ = 0;

    void configure(AppState& state, const fs::path& out) {
        state.setModel(model_);
        state.calibration = quick_calibration();
        state.settings = AwqSettings();
        state.settings.n_grid = kGrid;
        // The clip search takes most of a run's time and changes nothing here: a work folder holds the final
        // codes of each layer, and that the clip search gives the same bytes on resume is checked by the core's
        // test_resume (default settings). Without it the four runs stay fast under the sanitizers too.
        state.settings.clip = false;
        state.output = {QString::fromStdString(out.string()), false};
    }

    // Presses Start on the page. If the saved-work question comes up it is answered with the button named
    // `answer` ("resumeButton", "startOverButton", or "cancel" for the standard Cancel). cancel_at_layer >= 0
    // cancels the run once progress reports that layer (the layers before it are finished and saved then);
    // cancel_at_layer == -2 cancels at the first scale-search step. Waits until the run has stopped.
    RunRecord press_start(QuantizePage& page, const char* answer = nullptr, int cancel_at_layer = -1) {
        RunRecord r;
        QuantizeController& c = page.controller();
        QSignalSpy stopped(&c, &QuantizeController::stopped);
        QMetaObject::Connection on_progress = connect(&c, &QuantizeController::progress, this, [&](const QuantizeProgress& p) {
            r.progress.push_back(p);
            const bool at_layer = cancel_at_layer >= 0 && p.layer >= cancel_at_layer && p.stage != Stage::Calibrating;
            const bool at_search = cancel_at_layer == -2 && p.stage == Stage::ScaleSearch;
            if (at_layer || at_search) page.cancel();
        });
        QMetaObject::Connection on_done = connect(&c, &QuantizeController::finished, this, [&] { ++r.finished; });
        QMetaObject::Connection on_cancel = connect(&c, &QuantizeController::cancelled, this, [&] { ++r.cancelled; });
        QMetaObject::Connection on_fail = connect(&c, &QuantizeController::failed, this, [&](const QString& m) { r.failed << m; });
        // The question is a modal QMessageBox: answer it from a timer running inside its event loop.
        QTimer answerer;
        answerer.setInterval(10);
        connect(&answerer, &QTimer::timeout, this, [&] {
            auto* box = page.findChild<QMessageBox*>(QuantizePage::kSavedWorkDialog);
            if (!box || !box->isVisible()) return;
            answerer.stop();
            r.dialog_text = box->text();
            QAbstractButton* b = answer && QByteArray(answer) != "cancel" ? box->findChild<QPushButton*>(answer)
                                                                           : box->button(QMessageBox::Cancel);
            if (!b) {
                qWarning("no button %s in the dialog", answer ? answer : "(none given)");
                b = box->button(QMessageBox::Cancel);
            }
            b->click();
        });
        answerer.start();
        page.start();
        answerer.stop();
        r.started = c.isRunning();
        if (r.started && !stopped.wait(180000)) qWarning("the run did not stop within 3 minutes");
        for (const auto& conn : {on_progress, on_done, on_cancel, on_fail}) disconnect(conn);
        return r;
    }

    QString log_text(QuantizePage& page) { return page.findChild<QPlainTextEdit*>("quantizeLog")->toPlainText(); }

private slots:
    void initTestCase() {
        register_gui_metatypes();
        model_ = Model::load(bundled_model());
        n_layers_ = int(model_->config().num_hidden_layers);
        QVERIFY(n_layers_ >= 4);
        // Every run here on the CPU, as the CLI's half of cliResumesGuiRun (resuming across devices is
        // checked by tests/gpu/test_gpu_cli_run).
        settings_.settings.setQuantizeDevice(DeviceRequest::Cpu);
        // The reference: one uninterrupted GUI run.
        reference_ = dir_.path / "reference" / "tiny-awq";
        fs::create_directories(reference_.parent_path());
        AppState state;
        QuantizePage page(state, settings_.settings);
        configure(state, reference_);
        const RunRecord r = press_start(page);
        QVERIFY2(r.failed.isEmpty(), qPrintable(r.failed.join("; ")));
        QCOMPARE(r.finished, 1);
        QVERIFY(r.dialog_text.isEmpty());  // nothing to resume, nothing asked
        QCOMPARE(page.device(), DeviceRequest::Cpu);
        QVERIFY2(page.summaryText().contains(" Device: CPU. "), qPrintable(page.summaryText()));
        QVERIFY(fs::exists(reference_ / "model.safetensors"));
        QVERIFY(fs::exists(reference_ / "awq_report.json"));
        QVERIFY(!fs::exists(work_folder_of(reference_)));
    }

    // Cancel after two finished layers, then Resume: the same bytes as the uninterrupted run, only the
    // remaining layers computed, the work folder gone.
    void cancelledRunResumesToIdenticalBytes() {
        const fs::path out = dir_.path / "resumed" / "tiny-awq";
        fs::create_directories(out.parent_path());
        AppState state;
        QuantizePage page(state, settings_.settings);
        configure(state, out);

        const RunRecord first = press_start(page, nullptr, 2);
        QVERIFY2(first.failed.isEmpty(), qPrintable(first.failed.join("; ")));
        QCOMPARE(first.cancelled, 1);
        QCOMPARE(first.finished, 0);
        QVERIFY(!fs::exists(out));
        QVERIFY(fs::exists(work_folder_of(out) / "state.json"));
        const int done = state_layers_done(out);
        QVERIFY2(done >= 2 && done < n_layers_, qPrintable(QString("%1 layers done").arg(done)));
        QVERIFY2(page.summaryText().contains(QString("%1 of %2 layers").arg(done).arg(n_layers_)), qPrintable(page.summaryText()));

        const RunRecord second = press_start(page, "resumeButton");
        QVERIFY2(second.dialog_text.contains(QString("%1 of %2 layers are done").arg(done).arg(n_layers_)),
                 qPrintable(second.dialog_text));
        QVERIFY2(second.failed.isEmpty(), qPrintable(second.failed.join("; ")));
        QCOMPARE(second.finished, 1);
        // The finished layers were taken from the work folder, not searched again; the rest were searched.
        QSet<int> searched;
        for (const QuantizeProgress& p : second.progress)
            if (p.stage == Stage::ScaleSearch) searched.insert(p.layer);
        for (int l = 0; l < n_layers_; ++l) QCOMPARE(searched.contains(l), l >= done);
        QVERIFY(log_text(page).contains(QString("Resuming the interrupted run: %1 of %2 layers").arg(done).arg(n_layers_)));

        const auto expected = folder_contents(reference_), actual = folder_contents(out);
        QCOMPARE(actual.size(), expected.size());
        QVERIFY(expected.size() >= 3);
        for (const auto& [name, bytes] : expected) {
            QVERIFY2(actual.count(name), qPrintable(QString::fromStdString(name + " is missing")));
            if (name == "awq_report.json")
                QVERIFY2(report_without_timings(actual.at(name)) == report_without_timings(bytes), "the reports differ");
            else
                QVERIFY2(actual.at(name) == bytes, qPrintable(QString::fromStdString(name + " differs")));
        }
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(state.result() && state.result()->layers.size() == size_t(n_layers_));
    }

    // The CLI continues a run the GUI was interrupted in (same work folder format and fingerprint).
    void cliResumesGuiRun() {
        const fs::path out = dir_.path / "cli" / "tiny-awq";
        fs::create_directories(out.parent_path());
        AppState state;
        QuantizePage page(state, settings_.settings);
        configure(state, out);
        const RunRecord first = press_start(page, nullptr, 1);
        QCOMPARE(first.cancelled, 1);
        QVERIFY(state_layers_done(out) >= 1);
        const fs::path log = dir_.path / "cli" / "awq.log";
        const int status = run_cli({"quantize", bundled_model().string(), "--out", out.string(), "--samples", "8",
                                    "--seqlen", "64", "--n-grid", std::to_string(kGrid), "--no-clip", "--resume",
                                    "--device", "cpu"}, log);  // the GUI's half ran on the CPU
        const std::string output = file_bytes(log);
        QVERIFY2(status == 0, output.c_str());
        QVERIFY2(output.find("resuming: ") != std::string::npos, output.c_str());
        // Every file but the report (which records the tool's own run) is the same as the GUI's reference.
        auto expected = folder_contents(reference_), actual = folder_contents(out);
        QVERIFY(expected.erase("awq_report.json") && actual.erase("awq_report.json"));
        QCOMPARE(actual.size(), expected.size());
        for (const auto& [name, bytes] : expected)
            QVERIFY2(actual.count(name) && actual.at(name) == bytes, qPrintable(QString::fromStdString(name + " differs")));
        QVERIFY(!fs::exists(work_folder_of(out)));
    }

    // A crash after the export was renamed into place but before the work folder was removed: the output is
    // complete and every layer is in the work folder. Resume searches nothing, leaves the output byte for
    // byte as it is, removes the work folder and finishes with the result (as `awq quantize --resume` does).
    void exportFinishedBeforeCrash() {
        const fs::path out = dir_.path / "crashed-after-export" / "tiny-awq";
        fs::create_directories(out.parent_path());
        AppState state;
        QuantizePage page(state, settings_.settings);
        configure(state, out);
        // The state such a crash leaves: the work folder of this very run (the worker's fingerprint recipe:
        // model, settings, the calibration blocks it reads), all layers saved, and the finished export.
        CalibrationOptions co;
        co.n_samples = state.calibration.n_samples;
        co.block_len = state.calibration.block_len;
        const CalibrationSet calib = load_calibration(default_calibration_path(), model_->tokenizer(), co);
        {
            WorkFolder work(work_folder_of(out), WorkFolder::fingerprint(*model_, state.settings, calib), false);
            quantize_model(model_, calib, state.settings, {}, &work);
            QCOMPARE(work.layers_done(), n_layers_);
        }
        fs::copy(reference_, out, fs::copy_options::recursive);
        const auto before = folder_contents(out);

        const RunRecord r = press_start(page, "resumeButton");
        QVERIFY2(r.dialog_text.contains(QString("%1 of %1 layers are done").arg(n_layers_)), qPrintable(r.dialog_text));
        QVERIFY2(r.failed.isEmpty(), qPrintable(r.failed.join("; ")));
        QCOMPARE(r.finished, 1);
        for (const QuantizeProgress& p : r.progress) QVERIFY(p.stage != Stage::ScaleSearch && p.stage != Stage::Exporting);
        QVERIFY(folder_contents(out) == before);
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(state.result() && state.result()->layers.size() == size_t(n_layers_));
    }

    // A work folder of another run: Resume explains why it cannot be used and keeps it, the page stays
    // usable; Cancel starts nothing and keeps it; Start over discards it and runs.
    void foreignWorkFolder() {
        const fs::path out = dir_.path / "foreign" / "tiny-awq";
        fs::create_directories(work_folder_of(out));
        const std::string state_json = R"({"format": "awq-studio-work", "version": 1, "fingerprint": "00000000deadbeef", "layers_done": 3})";
        std::ofstream(work_folder_of(out) / "state.json") << state_json;
        AppState state;
        QuantizePage page(state, settings_.settings);
        configure(state, out);

        const RunRecord resume = press_start(page, "resumeButton");
        QVERIFY2(resume.dialog_text.contains(QString("3 of %1 layers are done").arg(n_layers_)), qPrintable(resume.dialog_text));
        QCOMPARE(resume.failed.size(), 1);
        QVERIFY2(resume.failed.first().contains("different run") && resume.failed.first().contains("Start over"),
                 qPrintable(resume.failed.first()));
        QVERIFY(page.summaryText().contains("different run"));
        QCOMPARE(file_bytes(work_folder_of(out) / "state.json"), state_json);
        QVERIFY(page.findChild<QPushButton*>("startButton")->isEnabled());

        const RunRecord cancel = press_start(page, "cancel");
        QVERIFY(!cancel.dialog_text.isEmpty());
        QVERIFY(!cancel.started);
        QVERIFY(!page.controller().isRunning());
        QCOMPARE(file_bytes(work_folder_of(out) / "state.json"), state_json);

        // Start over, cancelled at the first scale-search step: had the old folder not been discarded, the run
        // would have failed instead; with no layer finished, nothing is left behind.
        const RunRecord over = press_start(page, "startOverButton", -2);
        QVERIFY(!over.dialog_text.isEmpty());
        QVERIFY2(over.failed.isEmpty(), qPrintable(over.failed.join("; ")));
        QCOMPARE(over.cancelled, 1);
        QVERIFY(!fs::exists(work_folder_of(out)));
        QVERIFY(!fs::exists(out));
    }
};

QTEST_MAIN(TestGuiResume)
#include "test_gui_resume.moc"
