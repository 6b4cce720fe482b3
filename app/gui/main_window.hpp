// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The main window: the step list on the left (Model → Calibration → Settings → Quantize → Inspect → Chat),
// one page per step on the right. A step is enabled once its inputs exist; its tooltip says what it needs.
#include "app_settings.hpp"
#include "app_state.hpp"

#include <QMainWindow>

class QListWidget;
class QStackedWidget;

namespace awq::gui {

class CalibrationPage;
class ChatPage;
class InspectPage;
class ModelPage;
class QuantizePage;
class SettingsPage;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    enum Step { ModelStep, CalibrationStep, SettingsStep, QuantizeStep, InspectStep, ChatStep, StepCount };

    MainWindow(AppSettings& settings, QWidget* parent = nullptr);
    AppState& state() { return state_; }
    ModelPage* modelPage() const { return model_; }
    CalibrationPage* calibrationPage() const { return calibration_; }
    SettingsPage* settingsPage() const { return settings_page_; }
    QuantizePage* quantizePage() const { return quantize_; }
    InspectPage* inspectPage() const { return inspect_; }
    ChatPage* chatPage() const { return chat_; }
    void showStep(Step s);
    Step currentStep() const;
    bool isStepEnabled(Step s) const;
    bool openReport(const QString& file);  // false (with a message box unless quiet) when it cannot be read
    void setQuietErrors(bool quiet) { quiet_ = quiet; }

protected:
    void closeEvent(QCloseEvent* e) override;

private:
    void buildMenus();
    void updateSteps();
    void showPreferences();
    AppSettings& settings_;
    AppState state_;
    QListWidget* steps_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    ModelPage* model_ = nullptr;
    CalibrationPage* calibration_ = nullptr;
    SettingsPage* settings_page_ = nullptr;
    QuantizePage* quantize_ = nullptr;
    InspectPage* inspect_ = nullptr;
    ChatPage* chat_ = nullptr;
    bool quiet_ = false;
};

}  // namespace awq::gui
