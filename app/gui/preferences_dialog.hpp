// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// File → Preferences: language (applied at the next start) and theme (applied now).
#include "app_settings.hpp"

#include <QDialog>

class QComboBox;

namespace awq::gui {

class PreferencesDialog : public QDialog {
    Q_OBJECT
public:
    PreferencesDialog(AppSettings& settings, QWidget* parent = nullptr);

private:
    void accept() override;
    AppSettings& settings_;
    QComboBox* language_ = nullptr;
    QComboBox* theme_ = nullptr;
};

}  // namespace awq::gui
