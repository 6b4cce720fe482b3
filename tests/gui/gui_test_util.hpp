// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Shared by the GUI tests: a settings file in a temporary folder (never the user's), a quick calibration
// choice, and waiting for a signal with a clear failure message.
#include "test_util.hpp"

#include <app_settings.hpp>
#include <app_state.hpp>

#include <QSignalSpy>

namespace awq::test {

// 8 documents x 64 tokens: enough blocks for the tiny model, fast on two cores.
inline gui::CalibrationChoice quick_calibration() { return {QString(), 8, 64}; }

struct TempSettings {
    TempDir dir;
    gui::AppSettings settings{QString::fromStdString((dir.path / "awq-studio.ini").string())};
};

}  // namespace awq::test
