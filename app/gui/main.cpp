// awq-studio: the desktop application.
#include "app_settings.hpp"
#include "appearance.hpp"
#include "main_window.hpp"
#include "model_discovery.hpp"
#include "model_page.hpp"
#include "quantize_worker.hpp"
#include "screenshot_tour.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

using namespace awq::gui;

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("AWQ Studio");
    QApplication::setApplicationName("awq-studio");
    QApplication::setApplicationVersion("0.1.0");
    register_gui_metatypes();
    init_resources();
    // The language is needed before the parser, so that --help is translated too.
    AppSettings settings;
    QString language = settings.language();
    const QStringList args = QCoreApplication::arguments();
    for (qsizetype i = 1; i + 1 < args.size(); ++i)
        if (args[i] == "-l" || args[i] == "--language") language = args[i + 1];
    for (const QString& a : args)
        if (a.startsWith("--language=")) language = a.mid(11);
    install_translator(app, language);

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Activation-aware 4-bit quantization of Llama-family models."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption model_opt({"m", "model"}, QApplication::translate("main", "Open this model folder (default: the bundled model)."), "folder");
    const QCommandLineOption report_opt({"r", "report"}, QApplication::translate("main", "Open this AWQ report in Inspect."), "file");
    const QCommandLineOption lang_opt({"l", "language"}, QApplication::translate("main", "User interface language: en, de, zh_CN (default: the system's)."), "code");
    const QCommandLineOption theme_opt("theme", QApplication::translate("main", "Colour theme: system, light, dark."), "name");
    const QCommandLineOption shots_opt("screenshot-dir", QApplication::translate("main", "Walk through every step, save a screenshot of each into this folder and quit."), "folder");
    parser.addOptions({model_opt, report_opt, lang_opt, theme_opt, shots_opt});
    parser.process(app);

    apply_theme(app, parser.isSet(theme_opt) ? parser.value(theme_opt) : settings.theme());

    MainWindow window(settings);
    const QString model = parser.isSet(model_opt) ? parser.value(model_opt) : bundled_model_folder();
    if (parser.isSet(shots_opt)) {
        window.resize(1360, 860);
        window.show();
        auto* tour = new ScreenshotTour(window, parser.value(shots_opt), model);
        QObject::connect(tour, &ScreenshotTour::done, &app, [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
        QTimer::singleShot(200, tour, &ScreenshotTour::start);
        return app.exec();
    }
    window.show();
    window.modelPage()->openFolder(model);
    if (parser.isSet(report_opt)) window.openReport(parser.value(report_opt));
    return app.exec();
}
