// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// --screenshot-dir: drives the real window through every step (bundled model, a small calibration set, a
// quantization, the report, a chat on both sides) and saves each page with QWidget::grab(), then quits.
// The tour makes and drives its own MainWindow; main() only hands it the settings and the folders.
#include <QString>

namespace awq::gui {

class AppSettings;

// Shows a main window, walks it through every step in the application's event loop (a QApplication must
// exist) and returns the exit code: 0 when every screenshot was saved, 1 otherwise.
int run_screenshot_tour(AppSettings& settings, const QString& dir, const QString& model_folder);

}  // namespace awq::gui
