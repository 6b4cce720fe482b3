// SPDX-License-Identifier: GPL-3.0-or-later
#include "preferences_dialog.hpp"
#include "appearance.hpp"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QMessageBox>

namespace awq::gui {

PreferencesDialog::PreferencesDialog(AppSettings& settings, QWidget* parent) : QDialog(parent), settings_(settings) {
    setWindowTitle(tr("Preferences"));
    auto* form = new QFormLayout(this);
    language_ = new QComboBox;
    language_->addItem(tr("System language"), QString());
    for (const QString& l : available_languages()) language_->addItem(language_display_name(l), l);
    language_->setCurrentIndex(std::max(0, language_->findData(settings_.language())));
    theme_ = new QComboBox;
    theme_->addItem(tr("Follow the system"), "system");
    theme_->addItem(tr("Light"), "light");
    theme_->addItem(tr("Dark"), "dark");
    theme_->setCurrentIndex(std::max(0, theme_->findData(settings_.theme())));
    form->addRow(tr("Language"), language_);
    form->addRow(QString(), new QLabel(tr("A new language applies when AWQ Studio starts again.")));
    form->addRow(tr("Theme"), theme_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void PreferencesDialog::accept() {
    const QString lang = language_->currentData().toString();
    const bool lang_changed = lang != settings_.language();
    settings_.setLanguage(lang);
    settings_.setTheme(theme_->currentData().toString());
    apply_theme(*qApp, settings_.theme());
    if (lang_changed) QMessageBox::information(this, tr("Language"), tr("Restart AWQ Studio to use the new language."));
    QDialog::accept();
}

}  // namespace awq::gui
