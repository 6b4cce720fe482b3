// SPDX-License-Identifier: MIT
#pragma once
// Helpers shared by the Qt Test executables: fixture paths, seeded random data, error measures.
#include <QProcess>
#include <QProcessEnvironment>
#include <QtTest>

#include <cmath>
#include <exception>
#include <cstdint>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace awq::test {

inline std::filesystem::path fixtures() { return AWQ_FIXTURES_DIR; }
inline std::filesystem::path resources() { return AWQ_RESOURCES_DIR; }
inline std::filesystem::path bundled_model() { return resources() / "models" / "tiny-llama-kjv"; }
// The awq CLI: $AWQ_CLI when set (binaries carried to another machine), else the build tree's.
inline QString cli_path() {
    const QString env = qEnvironmentVariable("AWQ_CLI");
    return env.isEmpty() ? QString(AWQ_CLI_PATH) : env;
}

// One run of the CLI: exit code (-1 when it did not finish normally within the time), stdout, stderr.
struct CliRun {
    int exit_code = -1;
    QString out, err;
};
inline CliRun run_cli(const QStringList& args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                      int timeout_ms = 600000) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(cli_path(), args);
    CliRun r;
    if (!p.waitForFinished(timeout_ms)) return r;
    r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// Uniform values in [lo, hi) from a fixed seed; never all zeros.
inline std::vector<float> random_vector(size_t n, uint64_t seed, float lo = -1.0f, float hi = 1.0f) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

// max |a - b| / max |b|: the error relative to the reference's scale (robust to values near zero).
inline double max_rel_error(const float* a, const float* b, size_t n) {
    double num = 0, den = 0;
    for (size_t i = 0; i < n; ++i) {
        num = std::max(num, std::abs(double(a[i]) - double(b[i])));
        den = std::max(den, std::abs(double(b[i])));
    }
    return den > 0 ? num / den : num;
}
inline double max_rel_error(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.size() != b.size()) return INFINITY;
    return max_rel_error(a.data(), b.data(), a.size());
}

// Runs f, which must throw E (or a subclass) whose message contains every needle; any other exception,
// or none, fails the calling test.
template <typename E, typename F>
void expect_error(F&& f, const std::vector<std::string>& needles) {
    std::string msg;
    try {
        f();
        QFAIL("no exception was thrown");
    } catch (const E& e) {
        msg = e.what();
        qInfo("message: %s", msg.c_str());
    } catch (const std::exception& e) {
        QFAIL((std::string("wrong exception type: ") + e.what()).c_str());
    }
    for (const auto& n : needles)
        QVERIFY2(msg.find(n) != std::string::npos, ("'" + n + "' not in: " + msg).c_str());
}

// A temporary folder removed on destruction.
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "awq-test-XXXXXX").string();
        path = mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
};

}  // namespace awq::test
