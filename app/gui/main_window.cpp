// SPDX-License-Identifier: GPL-3.0-or-later
#include "main_window.hpp"
#include "calibration_page.hpp"
#include "chat_page.hpp"
#include "inspect_page.hpp"
#include "model_page.hpp"
#include "preferences_dialog.hpp"
#include "quantize_page.hpp"
#include "settings_page.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QStackedWidget>
#include <QStatusBar>

namespace awq::gui {

MainWindow::MainWindow(AppSettings& settings, QWidget* parent) : QMainWindow(parent), settings_(settings) {
    setWindowTitle(tr("AWQ Studio"));
    setWindowIcon(QIcon(":/icons/awq-studio.svg"));
    auto* central = new QWidget;
    auto* layout = new QHBoxLayout(central);
    steps_ = new QListWidget;
    steps_->setObjectName("stepList");
    steps_->setIconSize(QSize(22, 22));
    steps_->setFixedWidth(190);
    steps_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    const struct { const char* icon; QString name; QString needs; } steps[] = {
        {"model", tr("1  Model"), tr("Choose the model to quantize.")},
        {"calibration", tr("2  Calibration"), tr("Needs a model (its tokenizer cuts the text into blocks).")},
        {"settings", tr("3  Settings"), tr("Needs a model.")},
        {"quantize", tr("4  Quantize"), tr("Needs a model; calibration and settings have defaults.")},
        {"inspect", tr("5  Inspect"), tr("Needs a quantization result or a report (File → Open report).")},
        {"chat", tr("6  Chat"), tr("Needs a model; the AWQ side needs a result or an AWQ folder.")},
    };
    for (const auto& s : steps) {
        auto* item = new QListWidgetItem(QIcon(QString(":/icons/%1.svg").arg(s.icon)), s.name, steps_);
        item->setToolTip(s.needs);
        item->setSizeHint(QSize(180, 40));
    }
    layout->addWidget(steps_);
    pages_ = new QStackedWidget;
    model_ = new ModelPage(state_, settings_);
    calibration_ = new CalibrationPage(state_, settings_);
    settings_page_ = new SettingsPage(state_, settings_);
    quantize_ = new QuantizePage(state_, settings_);
    inspect_ = new InspectPage(state_);
    chat_ = new ChatPage(state_, settings_);
    for (QWidget* p : std::initializer_list<QWidget*>{model_, calibration_, settings_page_, quantize_, inspect_, chat_})
        pages_->addWidget(p);
    layout->addWidget(pages_, 1);
    setCentralWidget(central);
    buildMenus();
    statusBar()->showMessage(tr("Ready"));

    connect(steps_, &QListWidget::currentRowChanged, pages_, &QStackedWidget::setCurrentIndex);
    connect(&state_, &AppState::modelChanged, this, &MainWindow::updateSteps);
    connect(&state_, &AppState::reportChanged, this, &MainWindow::updateSteps);
    connect(model_, &ModelPage::loaded, this, [this](const QString& f) { statusBar()->showMessage(tr("Model: %1").arg(f)); });
    connect(quantize_, &QuantizePage::quantized, this, [this] { statusBar()->showMessage(tr("Quantization finished")); });
    updateSteps();
    steps_->setCurrentRow(ModelStep);
    if (!restoreGeometry(settings_.windowGeometry())) resize(1280, 820);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("Open &model folder…"), QKeySequence::Open, this, [this] {
        const QString d = QFileDialog::getExistingDirectory(this, tr("Open model folder"));
        if (!d.isEmpty()) showStep(ModelStep), model_->openFolder(d);
    });
    file->addAction(tr("Open &report…"), QKeySequence(tr("Ctrl+R")), this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Open report"), {}, tr("AWQ report (*.json)"));
        if (!f.isEmpty()) openReport(f);
    });
    file->addSeparator();
    file->addAction(tr("&Preferences…"), QKeySequence::Preferences, this, &MainWindow::showPreferences);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About AWQ Studio"), this, [this] {
        QMessageBox::about(this, tr("About AWQ Studio"),
                           tr("<b>AWQ Studio %1</b><br>Activation-aware 4-bit weight quantization (Lin et al., "
                              "MLSys 2024) for Llama-family models.").arg(QApplication::applicationVersion()));
    });
}

void MainWindow::updateSteps() {
    for (int i = 0; i < StepCount; ++i) {
        QListWidgetItem* item = steps_->item(i);
        const bool on = isStepEnabled(Step(i));
        item->setFlags(on ? (Qt::ItemIsEnabled | Qt::ItemIsSelectable) : Qt::NoItemFlags);
    }
}

bool MainWindow::isStepEnabled(Step s) const {
    switch (s) {
    case ModelStep: return true;
    case CalibrationStep: case SettingsStep: case QuantizeStep: case ChatStep: return state_.model() != nullptr;
    case InspectStep: return state_.report() != nullptr;
    case StepCount: break;
    }
    return false;
}

void MainWindow::showStep(Step s) {
    if (isStepEnabled(s)) steps_->setCurrentRow(s);
}

MainWindow::Step MainWindow::currentStep() const { return Step(pages_->currentIndex()); }

bool MainWindow::openReport(const QString& file) {
    try {
        state_.setReport(std::make_shared<Report>(read_report(ss(file))));
        showStep(InspectStep);
        statusBar()->showMessage(tr("Report: %1").arg(file));
        return true;
    } catch (const std::exception& e) {
        if (!quiet_) QMessageBox::warning(this, tr("Open report"), QString::fromUtf8(e.what()));
        statusBar()->showMessage(QString::fromUtf8(e.what()));
        return false;
    }
}

void MainWindow::showPreferences() {
    PreferencesDialog dialog(settings_, this);
    dialog.exec();
}

void MainWindow::closeEvent(QCloseEvent* e) {
    settings_.setWindowGeometry(saveGeometry());
    settings_.sync();
    QMainWindow::closeEvent(e);
}

}  // namespace awq::gui
