// SPDX-License-Identifier: GPL-3.0-or-later
#include "appearance.hpp"

#include <QApplication>
#include <QFile>
#include <QLocale>
#include <QPalette>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

#include <memory>

// Q_INIT_RESOURCE must be used outside a namespace.
static void init_awq_studio_qrc() { Q_INIT_RESOURCE(awq_studio); }

namespace awq::gui {

void init_resources() { init_awq_studio_qrc(); }

namespace {

QPalette dark_palette() {
    QPalette p;
    const QColor window(37, 40, 46), base(28, 30, 35), text(225, 228, 232), accent(64, 145, 230);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(48, 52, 60));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, accent);
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, accent);
    p.setColor(QPalette::PlaceholderText, QColor(140, 145, 152));
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, QColor(110, 114, 120));
    return p;
}

QPalette light_palette() {
    // QStyleFactory::create hands over ownership; this style only lends its palette.
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create("Fusion"));
    QPalette p = fusion->standardPalette();
    p.setColor(QPalette::Highlight, QColor(40, 120, 215));
    p.setColor(QPalette::Window, QColor(244, 245, 247));
    return p;
}

}  // namespace

bool system_prefers_dark() {
    const QColor w = QApplication::style() ? QGuiApplication::palette().color(QPalette::Window) : QColor(Qt::white);
    return w.lightness() < 128;
}

void apply_theme(QApplication& app, const QString& theme) {
    static const bool system_dark = system_prefers_dark();  // before we replace the palette
    const bool dark = theme == "dark" || (theme != "light" && system_dark);
    app.setStyle(QStyleFactory::create("Fusion"));
    app.setPalette(dark ? dark_palette() : light_palette());
    QFile qss(dark ? ":/styles/dark.qss" : ":/styles/light.qss");
    if (qss.open(QIODevice::ReadOnly)) app.setStyleSheet(QString::fromUtf8(qss.readAll()));
}

QStringList available_languages() { return {"en", "de", "zh_CN"}; }

QString language_display_name(const QString& code) {
    if (code == "de") return QStringLiteral("Deutsch");
    if (code == "zh_CN") return QStringLiteral("简体中文");
    return QStringLiteral("English");
}

QString install_translator(QCoreApplication& app, const QString& language) {
    static QTranslator* current = nullptr;
    if (current) {
        app.removeTranslator(current);
        delete current;
        current = nullptr;
    }
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    auto* t = new QTranslator(&app);
    // Looks for awq-studio_de.qm, awq-studio_zh_CN.qm, ... compiled into the resources by qt_add_translations.
    if (t->load(locale, "awq-studio", "_", ":/i18n")) {
        app.installTranslator(t);
        current = t;
        return t->language();
    }
    delete t;
    return "en";
}

}  // namespace awq::gui
