// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the GUI tests: a settings file in a temporary folder (never the user's), a quick calibration
// choice, and waiting for a signal with a clear failure message.
#include "test_util.hpp"

#include <app_settings.hpp>
#include <app_state.hpp>

#include <QSignalSpy>
#include <QThreadPool>

#if defined(__SANITIZE_THREAD__)
#define AWQ_GUI_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define AWQ_GUI_TEST_TSAN 1
#endif
#endif

namespace awq::test {

// Under ThreadSanitizer every task of the global pool gets a thread of its own. A task handed to an idle or
// finishing pool thread passes through Qt's futex-based queue, which TSan cannot see (the system Qt is not
// instrumented), so every read of the task on that thread (its vtable, its stored arguments) would look
// unordered with its construction; a fresh thread per task is ordered by pthread_create, which TSan sees.
// So: no thread waits for work (expiry 0) and none is full while a test runs (64 threads; the GUI has a few
// tasks at once, e.g. a model load while the run estimate counts blocks). Only the pool's thread reuse
// changes; what our code shares between threads is still checked.
inline const bool kPoolThreadPerTask = [] {
#ifdef AWQ_GUI_TEST_TSAN
    QThreadPool::globalInstance()->setExpiryTimeout(0);
    QThreadPool::globalInstance()->setMaxThreadCount(64);
#endif
    return true;
}();

// 8 documents x 64 tokens: enough blocks for the tiny model, fast on two cores.
inline gui::CalibrationChoice quick_calibration() { return {QString(), 8, 64}; }

struct TempSettings {
    TempDir dir;
    gui::AppSettings settings{QString::fromStdString((dir.path / "awq-studio.ini").string())};
};

}  // namespace awq::test
