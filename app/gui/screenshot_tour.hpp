#pragma once
// --screenshot-dir: drives the real window through every step (bundled model, a small calibration set, a
// quantization, the report, a chat on both sides) and saves each page with QWidget::grab(), then quits.
#include <QObject>
#include <QString>

namespace awq::gui {

class MainWindow;

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

}  // namespace awq::gui
