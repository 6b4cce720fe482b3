// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Step 3: the AWQ settings, each with the reference default and a one-line explanation, and the output
// folder (checked with the core's check_export_destination; an existing folder needs "Overwrite"). Under
// the group size, a note when it leaves linears of the loaded model unquantized, with a one-click switch
// to the largest size that fits them all (group_fit.hpp).
#include "app_settings.hpp"
#include "app_state.hpp"

#include <QWidget>

class QCheckBox;
class QDoubleSpinBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace awq::gui {

class SettingsPage : public QWidget {
    Q_OBJECT
public:
    SettingsPage(AppState& state, AppSettings& settings, QWidget* parent = nullptr);
    void setAwqSettings(const AwqSettings& s);
    void setOutput(const OutputChoice& o);
    QString destinationProblem() const;  // empty when the output folder can be written
    // The note under the group size: how many linears the chosen size leaves unquantized on the loaded
    // model (empty when it fits), and the size the "Use N" button switches to (0: hidden).
    QString groupSizeNote() const;
    int proposedGroupSize() const { return proposed_group_; }

private:
    void apply();
    void resetDefaults();
    void checkDestination();
    void checkGroupSize();
    AppState& state_;
    AppSettings& settings_;
    QComboBox* bits_ = nullptr;
    QComboBox* group_ = nullptr;
    QCheckBox* zero_point_ = nullptr;
    QCheckBox* clip_ = nullptr;
    QComboBox* row_check_ = nullptr;
    QComboBox* range_search_ = nullptr;
    QCheckBox* identity_ = nullptr;
    QCheckBox* rtn_fallback_ = nullptr;
    QCheckBox* error_feedback_ = nullptr;
    QDoubleSpinBox* keep_float_ = nullptr;
    QCheckBox* duo_ = nullptr;
    QSpinBox* grid_ = nullptr;
    QSpinBox* search_blocks_ = nullptr;
    QSpinBox* threads_ = nullptr;
    QLineEdit* output_ = nullptr;
    QCheckBox* overwrite_ = nullptr;
    QLabel* dest_status_ = nullptr;
    QLabel* group_note_ = nullptr;
    QPushButton* use_fitting_ = nullptr;
    int proposed_group_ = 0;
    QString problem_;
};

}  // namespace awq::gui
