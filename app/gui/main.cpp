// SPDX-License-Identifier: GPL-3.0-or-later
// awq-studio: the desktop application.
#include "app_settings.hpp"
#include "appearance.hpp"
#include "gui_metatypes.hpp"
#include "main_window.hpp"
#include "model_discovery.hpp"
#include "model_page.hpp"
#include "screenshot_tour.hpp"

#include <QApplication>
#include <QCommandLineParser>

using namespace awq::gui;

namespace {

struct Options {
    QCommandLineOption model{{"m", "model"}, QCoreApplication::translate("main", "Open this model folder (default: the bundled model)."), "folder"};
    QCommandLineOption report{{"r", "report"}, QCoreApplication::translate("main", "Open this AWQ report in Inspect."), "file"};
    QCommandLineOption language{{"l", "language"}, QCoreApplication::translate("main", "User interface language: en, de, zh_CN (default: the system's)."), "code"};
    QCommandLineOption theme{"theme", QCoreApplication::translate("main", "Colour theme: system, light, dark."), "name"};
    QCommandLineOption screenshots{"screenshot-dir", QCoreApplication::translate("main", "Walk through every step, save a screenshot of each into this folder and quit."), "folder"};
};

void set_identity() {
    QCoreApplication::setOrganizationName("AWQ Studio");
    QCoreApplication::setApplicationName("awq-studio");
    QCoreApplication::setApplicationVersion("0.1.0");
}

// The language is needed before the parser, so that --help is translated too.
void install_language(QCoreApplication& app, const AppSettings& settings) {
    QString language = settings.language();
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i)
        if (args[i] == "-l" || args[i] == "--language") language = args[i + 1];
    for (const QString& a : args)
        if (a.startsWith("--language=")) language = a.mid(11);
    install_translator(app, language);
}

// Processes the command line (printing and exiting for --help, --version and errors).
void parse(QCommandLineParser& parser, const Options& opts, QCoreApplication& app) {
    parser.setApplicationDescription(QCoreApplication::translate("main", "Activation-aware 4-bit quantization of Llama-family models."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({opts.model, opts.report, opts.language, opts.theme, opts.screenshots});
    parser.process(app);
}

// --help and --version must print in a terminal without a display, where a QApplication cannot start.
bool only_prints(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "-h" || a == "-?" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version") return true;
    }
    return false;
}

int print_and_exit(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    set_identity();
    init_resources();
    const AppSettings settings;
    install_language(app, settings);
    QCommandLineParser parser;
    const Options opts;
    parse(parser, opts, app);  // exits
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (only_prints(argc, argv)) return print_and_exit(argc, argv);
    QApplication app(argc, argv);
    set_identity();
    register_gui_metatypes();
    init_resources();
    AppSettings settings;
    install_language(app, settings);
    QCommandLineParser parser;
    const Options opts;
    parse(parser, opts, app);

    apply_theme(app, parser.isSet(opts.theme) ? parser.value(opts.theme) : settings.theme());

    const QString model = parser.isSet(opts.model) ? parser.value(opts.model) : bundled_model_folder();
    if (parser.isSet(opts.screenshots)) return run_screenshot_tour(settings, parser.value(opts.screenshots), model);
    MainWindow window(settings);
    window.show();
    window.modelPage()->openFolder(model);
    if (parser.isSet(opts.report)) window.openReport(parser.value(opts.report));
    return app.exec();
}
