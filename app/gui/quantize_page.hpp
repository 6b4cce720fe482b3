// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 4: run AWQ. Start / Cancel, overall and per-layer progress, the current stage, elapsed time and ETA,
// the live loss curve of the group being searched, a log, and a summary when done. Starting an export whose
// folder has an interrupted run's work folder (<out>.awq-work) asks first: Resume, Start over or Cancel.
// Device (Auto / CPU / GPU, remembered, locked while a run goes) picks where the search runs; the page names
// the device used (and why not the GPU) while running and in the summary.
#include "app_settings.hpp"
#include "app_state.hpp"
#include "quantize_worker.hpp"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace awq::gui {

class LossCurvePlot;
class RunEstimateView;

class QuantizePage : public QWidget {
    Q_OBJECT
public:
    QuantizePage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    void start();
    void cancel();
    QuantizeController& controller() { return controller_; }
    // The question asked when start() finds an interrupted run: object name "savedWorkDialog", buttons
    // "resumeButton", "startOverButton" and the standard Cancel.
    static constexpr const char* kSavedWorkDialog = "savedWorkDialog";
    LossCurvePlot* liveCurve() const { return curve_; }
    QString summaryText() const;
    DeviceRequest device() const;  // the combo's choice
    QString deviceText() const;    // the device the current or last run uses, as the page shows it
    RunEstimateView* estimate() const { return estimate_; }  // the run's estimated cost, above the progress

signals:
    void quantized();  // a result is in the state

private:
    void onProgress(const QuantizeProgress& p);
    void showLastSearchedCurve(const Report& r);
    void onFinished(const QuantizeOutcome& o);
    void onFailed(const QString& message);
    void onCancelled();
    void log(const QString& line);
    // None when the user cancels.
    std::optional<SavedWorkMode> askAboutSavedWork(const SavedWork& saved);
    void setRunning(bool running);

    AppState& state_;
    AppSettings& settings_;
    QuantizeController controller_;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QComboBox* device_ = nullptr;
    QLabel* device_used_ = nullptr;
    QProgressBar* overall_ = nullptr;
    QProgressBar* layer_ = nullptr;
    QLabel* stage_ = nullptr;
    QLabel* time_ = nullptr;
    QLabel* summary_ = nullptr;
    LossCurvePlot* curve_ = nullptr;
    RunEstimateView* estimate_ = nullptr;
    QPlainTextEdit* log_ = nullptr;
    Stage last_stage_ = Stage::Done;
    int last_layer_ = -1;
    QString last_device_;  // the device the current run announced
    QString run_output_;  // the export folder of the current or last run
    int run_layers_ = 0;
};

}  // namespace awq::gui
