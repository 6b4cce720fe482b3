// SPDX-License-Identifier: MIT
#pragma once
// The real-world test material (real tokenizers, llama.cpp's chat templates, SmolLM2-135M-Instruct) is made
// by tests/fixtures/real_world/fetch.sh into a cache folder outside the repository. A test that needs it and
// does not find it fails in CI (CI=true, where scripts/test.sh runs the script first) and skips elsewhere,
// saying which command makes it.
#include <QtTest>

#include <cstdlib>
#include <filesystem>
#include <string>

namespace awq::test {

// $AWQ_REAL_WORLD_DIR, else ~/.cache/awq-studio/real-world.
inline std::filesystem::path real_world_dir() {
    if (const char* d = std::getenv("AWQ_REAL_WORLD_DIR"); d && *d) return d;
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : "/") / ".cache" / "awq-studio" / "real-world";
}

// The committed references computed from that material (tests/fixtures/real_world/refs).
inline std::filesystem::path real_world_refs() { return std::filesystem::path(AWQ_FIXTURES_DIR) / "real_world" / "refs"; }

inline bool in_ci() {
    const char* ci = std::getenv("CI");
    return ci && std::string(ci) == "true";
}

}  // namespace awq::test

// Use at the top of a test function: `REQUIRE_REAL_WORLD(path)` with a path inside real_world_dir(). (The
// parameter is not named `path`: that would replace the `path` of std::filesystem::path in the body.)
#define REQUIRE_REAL_WORLD(where)                                                                                 \
    do {                                                                                                          \
        const std::filesystem::path required_path_ = (where);                                                     \
        if (!std::filesystem::exists(required_path_)) {                                                           \
            const QByteArray msg_ = QByteArray("real-world material missing: ") +                                 \
                                    QByteArray::fromStdString(required_path_.string()) +                         \
                                    " (make it with tests/fixtures/real_world/fetch.sh)";                         \
            if (awq::test::in_ci()) QFAIL(msg_.constData());                                                      \
            QSKIP(msg_.constData());                                                                              \
        }                                                                                                         \
    } while (0)
