// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Look and language: a light or dark Fusion palette (following the system unless chosen), the bundled
// stylesheet, and the translator for the chosen (or system) language.
#include <QString>
#include <QStringList>

class QApplication;
class QCoreApplication;

namespace awq::gui {

void init_resources();                                 // the icons and stylesheets of awq-studio.qrc
bool system_prefers_dark();                             // the platform palette's window colour is dark
void apply_theme(QApplication& app, const QString& theme);  // "system", "light", "dark"
QStringList available_languages();                      // "en", "de", "zh_CN"
QString language_display_name(const QString& code);
// Installs the translation for `language` ("" = the system locale); returns the language in use.
QString install_translator(QCoreApplication& app, const QString& language);

}  // namespace awq::gui
