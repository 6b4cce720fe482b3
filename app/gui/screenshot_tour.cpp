// SPDX-License-Identifier: GPL-3.0-or-later
#include "screenshot_tour.hpp"
#include "calibration_page.hpp"
#include "chat_page.hpp"
#include "inspect_page.hpp"
#include "main_window.hpp"
#include "model_page.hpp"
#include "quantize_page.hpp"
#include "settings_page.hpp"

#include <QApplication>
#include <QDir>
#include <QLineEdit>
#include <QTimer>

#include <cstdio>

namespace awq::gui {

namespace {

// Each step waits for the page's signal before the next (loading, preview, quantization, chat replies).
class ScreenshotTour : public QObject {
    Q_OBJECT
public:
    ScreenshotTour(MainWindow& window, const QString& dir, const QString& model_folder);
    void start();

signals:
    void done(bool ok);

private:
    void save(const QString& name);
    void fail(const QString& why);
    void afterModel();
    void afterCalibration();
    void afterQuantize();
    void afterChat();
    MainWindow& w_;
    QString dir_, model_;
    QString tmp_out_;
};

ScreenshotTour::ScreenshotTour(MainWindow& window, const QString& dir, const QString& model_folder)
    : w_(window), dir_(dir), model_(model_folder) {}

void ScreenshotTour::start() {
    QDir().mkpath(dir_);
    tmp_out_ = QDir::temp().filePath(QString("awq-studio-shots-%1").arg(QCoreApplication::applicationPid()));
    QDir(tmp_out_).removeRecursively();
    connect(w_.modelPage(), &ModelPage::loaded, this, &ScreenshotTour::afterModel, Qt::SingleShotConnection);
    connect(w_.modelPage(), &ModelPage::loadFailed, this, [this](const QString& m) { fail(m); }, Qt::SingleShotConnection);
    w_.modelPage()->openFolder(model_);
}

void ScreenshotTour::save(const QString& name) {
    QApplication::processEvents();
    const QString file = QDir(dir_).filePath(name + ".png");
    const bool ok = w_.grab().save(file, "PNG");
    std::printf("%s %s\n", ok ? "saved" : "FAILED to save", qPrintable(file));
}

void ScreenshotTour::fail(const QString& why) {
    std::fprintf(stderr, "screenshots: %s\n", qPrintable(why));
    emit done(false);
}

void ScreenshotTour::afterModel() {
    w_.showStep(MainWindow::ModelStep);
    save("1-model");
    w_.showStep(MainWindow::CalibrationStep);
    w_.calibrationPage()->setChoice({QString(), 16, 128});
    connect(w_.calibrationPage(), &CalibrationPage::previewReady, this, &ScreenshotTour::afterCalibration,
            Qt::SingleShotConnection);
    w_.calibrationPage()->preview();
}

void ScreenshotTour::afterCalibration() {
    save("2-calibration");
    w_.showStep(MainWindow::SettingsStep);
    AwqSettings s;
    s.n_grid = 20;
    w_.settingsPage()->setAwqSettings(s);
    w_.settingsPage()->setOutput({tmp_out_, false});
    save("3-settings");
    // A model whose widths the default group size does not divide (SmolLM2: 576): the page proposes the
    // size that fits, and the tour takes it as a user clicking "Use N" would.
    if (const int fitting = w_.settingsPage()->proposedGroupSize(); fitting > 0) {
        s.quant.group_size = fitting;
        w_.settingsPage()->setAwqSettings(s);
    }
    w_.showStep(MainWindow::QuantizeStep);
    QuantizePage* q = w_.quantizePage();
    connect(&q->controller(), &QuantizeController::failed, this, [this](const QString& m) { fail(m); });
    connect(&q->controller(), &QuantizeController::stopped, this, &ScreenshotTour::afterQuantize, Qt::SingleShotConnection);
    q->start();
}

void ScreenshotTour::afterQuantize() {
    save("4-quantize");
    w_.showStep(MainWindow::InspectStep);
    w_.inspectPage()->selectGroup("qkv");  // the attention input: where real models have their outlier channels
    w_.inspectPage()->selectLayer(3);
    save("5-inspect");
    w_.inspectPage()->setPerLayerView(true);
    save("5b-inspect-layer");
    w_.inspectPage()->setPerLayerView(false);
    w_.showStep(MainWindow::ChatStep);
    ChatPage* c = w_.chatPage();
    GenerationOptions o = c->options();
    o.max_new_tokens = 48;
    o.sampling.seed = 1;
    c->setOptions(o);
    connect(c, &ChatPage::allRepliesFinished, this, &ScreenshotTour::afterChat, Qt::SingleShotConnection);
    c->send(tr("Who made the heaven and the earth?"));
}

void ScreenshotTour::afterChat() {
    save("6-chat");
    QDir(tmp_out_).removeRecursively();
    emit done(true);
}

}  // namespace

int run_screenshot_tour(AppSettings& settings, const QString& dir, const QString& model_folder) {
    MainWindow window(settings);
    window.resize(1360, 860);
    window.show();
    ScreenshotTour tour(window, dir, model_folder);
    QObject::connect(&tour, &ScreenshotTour::done, qApp, [](bool ok) { QCoreApplication::exit(ok ? 0 : 1); });
    QTimer::singleShot(200, &tour, &ScreenshotTour::start);
    return QCoreApplication::exec();
}

}  // namespace awq::gui

#include "screenshot_tour.moc"
