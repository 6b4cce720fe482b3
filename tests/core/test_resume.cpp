// SPDX-License-Identifier: MIT
// Crash-safe quantization: a real `awq quantize` of the bundled model is killed with SIGKILL at random
// moments several times and resumed; the exported checkpoint must be byte-identical to an uninterrupted run.
#include "test_util.hpp"

#include <QFile>
#include <QProcess>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>

using namespace awq::test;

namespace {

QStringList quantize_args(const std::filesystem::path& out) {
    return {"quantize", QString::fromStdString(bundled_model().string()), "--out", QString::fromStdString(out.string()),
            "--samples", "8", "--seqlen", "64", "--n-grid", "4", "--threads", "2",
            "--device", "cpu"};  // byte identity across kills needs one device on every machine
}

QByteArray file_bytes(const std::filesystem::path& p) {
    QFile f(QString::fromStdString(p.string()));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestResume : public QObject {
    Q_OBJECT

private slots:
    void killedRunsResumeToIdenticalBytes() {
        TempDir dir;
        const auto reference = dir.path / "reference";
        const auto resumed = dir.path / "resumed";
        QProcess p;
        p.start(AWQ_CLI_PATH, quantize_args(reference));
        QVERIFY(p.waitForFinished(300000));
        QCOMPARE(p.exitCode(), 0);

        // Kill three runs hard (as a crash or power cut would), each a random few milliseconds after a
        // randomly chosen layer has been saved, so the kills land at different stages of the work.
        const auto work = std::filesystem::path(resumed.string() + ".awq-work");
        std::mt19937_64 rng(2024);
        std::vector<int> targets = {0, 1, 2, 3, 4};
        std::shuffle(targets.begin(), targets.end(), rng);
        targets.resize(3);
        std::sort(targets.begin(), targets.end());
        int kills = 0;
        for (size_t attempt = 0; attempt < targets.size(); ++attempt) {
            QStringList args = quantize_args(resumed);
            if (attempt > 0) args << "--resume";
            p.start(AWQ_CLI_PATH, args);
            QVERIFY(p.waitForStarted());
            char name[32];
            std::snprintf(name, sizeof name, "layer-%04d.json", targets[attempt]);
            while (!std::filesystem::exists(work / name) && p.state() != QProcess::NotRunning) QTest::qWait(2);
            QTest::qWait(int(rng() % 40));
            if (p.state() != QProcess::NotRunning) {
                ::kill(pid_t(p.processId()), SIGKILL);
                QVERIFY(p.waitForFinished(10000));
                ++kills;
            }
        }
        QVERIFY2(kills >= 2, "the runs finished before they could be interrupted");
        p.start(AWQ_CLI_PATH, quantize_args(resumed) << "--resume");
        QVERIFY(p.waitForFinished(300000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QCOMPARE(file_bytes(resumed / "model.safetensors"), file_bytes(reference / "model.safetensors"));
        QCOMPARE(file_bytes(resumed / "config.json"), file_bytes(reference / "config.json"));
        QVERIFY(!std::filesystem::exists(std::filesystem::path(resumed.string() + ".awq-work")));
        int leftovers = 0;
        for (const auto& e : std::filesystem::directory_iterator(dir.path))
            if (e.path().filename().string().starts_with(".")) ++leftovers;
        QCOMPARE(leftovers, 0);
    }

    // A work folder from another run (different settings) is refused instead of mixed in.
    void mismatchedWorkFolderIsRefused() {
        TempDir dir;
        const auto out = dir.path / "out";
        std::filesystem::create_directories(std::filesystem::path(out.string() + ".awq-work"));
        std::ofstream(out.string() + ".awq-work/state.json")
            << R"({"format": "awq-studio-work", "version": 1, "fingerprint": "0000", "layers_done": 2})";
        QProcess p;
        p.start(AWQ_CLI_PATH, quantize_args(out) << "--resume");
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("different run"));
    }
};

QTEST_APPLESS_MAIN(TestResume)
#include "test_resume.moc"
