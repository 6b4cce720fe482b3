#pragma once
// Step 3: the AWQ settings, each with the reference default and a one-line explanation, and the output
// folder (checked with the core's check_export_destination; an existing folder needs "Overwrite").
#include "app_settings.hpp"
#include "app_state.hpp"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace awq::gui {

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    SettingsPage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    void setAwqSettings(const AwqSettings& s);
    void setOutput(const OutputChoice& o);
    QString destinationProblem() const;  // empty when the output folder can be written

private:
    void apply();
    void resetDefaults();
    void checkDestination();
    AppState& state_;
    AppSettings& settings_;
    QComboBox* bits_ = nullptr;
    QComboBox* group_ = nullptr;
    QCheckBox* zero_point_ = nullptr;
    QCheckBox* clip_ = nullptr;
    QComboBox* row_check_ = nullptr;
    QCheckBox* duo_ = nullptr;
    QSpinBox* grid_ = nullptr;
    QSpinBox* search_blocks_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QLineEdit* output_ = nullptr;
    QCheckBox* overwrite_ = nullptr;
    QLabel* dest_status_ = nullptr;
    QString problem_;
};

}  // namespace awq::gui
