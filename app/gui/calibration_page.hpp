// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 2: the calibration text. The bundled corpus (default) or a .txt / .jsonl file or a folder of .txt
// files; sample count and block length; a preview (documents, tokens, blocks) computed on a pool thread,
// with a warning when fewer blocks than samples can be made.
#include "app_settings.hpp"
#include "app_state.hpp"

#include <awq/quant/calibration.hpp>

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;

namespace awq::gui {

struct CalibrationPreview {
    CalibrationSet set;
    QString first_document;
    QString error;
};

class CalibrationPage : public QWidget {
    Q_OBJECT
public:
    CalibrationPage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    void setChoice(const CalibrationChoice& c);  // fills the controls and the state
    void preview();                              // asynchronous: previewReady()
    QString warningText() const;

signals:
    void previewReady();

private:
    void apply();
    void onPreviewDone();
    AppState& state_;
    AppSettings& settings_;
    QRadioButton* bundled_ = nullptr;
    QRadioButton* custom_ = nullptr;
    QLineEdit* path_ = nullptr;
    QSpinBox* samples_ = nullptr;
    QSpinBox* block_len_ = nullptr;
    QLabel* stats_ = nullptr;
    QLabel* warning_ = nullptr;
    QPlainTextEdit* text_ = nullptr;
    QFutureWatcher<CalibrationPreview> watcher_;
};

}  // namespace awq::gui
