// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantize_page.hpp"
#include "group_fit_text.hpp"
#include "loss_curve_plot.hpp"
#include "run_estimate_view.hpp"

#include <awq/model/model_summary.hpp>

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace awq::gui {

namespace {

QString stage_text(Stage s) {
    switch (s) {
    case Stage::Calibrating: return QuantizePage::tr("Reading calibration data");
    case Stage::Capturing: return QuantizePage::tr("Capturing activations");
    case Stage::ScaleSearch: return QuantizePage::tr("Searching scales");
    case Stage::ClipSearch: return QuantizePage::tr("Searching clipping");
    case Stage::Quantizing: return QuantizePage::tr("Quantizing");
    case Stage::Evaluating: return QuantizePage::tr("Measuring the error");
    case Stage::Exporting: return QuantizePage::tr("Writing the checkpoint");
    case Stage::Done: return QuantizePage::tr("Done");
    }
    return {};
}

QString duration(double s) {
    const int t = int(s + 0.5);
    return t >= 3600 ? QString("%1:%2:%3").arg(t / 3600).arg(t / 60 % 60, 2, 10, QChar('0')).arg(t % 60, 2, 10, QChar('0'))
                     : QString("%1:%2").arg(t / 60).arg(t % 60, 2, 10, QChar('0'));
}

}  // namespace

QuantizePage::QuantizePage(AppState& state, AppSettings& settings, QWidget* parent)
    : QWidget(parent), state_(state), settings_(settings) {
    auto* layout = new QVBoxLayout(this);
    auto* heading = new QLabel(tr("Quantize"));
    heading->setObjectName("heading");
    layout->addWidget(heading);
    auto* buttons = new QHBoxLayout;
    start_ = new QPushButton(QIcon(":/icons/quantize.svg"), tr("Start quantization"));
    start_->setObjectName("startButton");
    cancel_ = new QPushButton(tr("Cancel"));
    cancel_->setObjectName("cancelButton");
    cancel_->setEnabled(false);
    device_ = new QComboBox;
    device_->setObjectName("deviceCombo");
    device_->addItem(tr("Auto"), int(DeviceRequest::Auto));  // the item data: the DeviceRequest
    device_->addItem(tr("CPU"), int(DeviceRequest::Cpu));
    device_->addItem(tr("GPU"), int(DeviceRequest::Cuda));
    device_->setToolTip(tr("Where the AWQ search runs. Auto: the NVIDIA GPU when the CUDA plugin finds one, else "
                           "the CPU"));
    device_->setCurrentIndex(std::max(0, device_->findData(int(settings_.quantizeDevice()))));
    buttons->addWidget(start_);
    buttons->addWidget(cancel_);
    buttons->addSpacing(16);
    auto* device_label = new QLabel(tr("Device"));
    device_label->setBuddy(device_);
    buttons->addWidget(device_label);
    buttons->addWidget(device_);
    buttons->addStretch(1);
    layout->addLayout(buttons);
    estimate_ = new RunEstimateView(state_);
    estimate_->setDevice(device());
    layout->addWidget(estimate_);

    auto* grid = new QGridLayout;
    overall_ = new QProgressBar;
    overall_->setRange(0, 1000);
    overall_->setFormat("%p%");
    layer_ = new QProgressBar;
    layer_->setRange(0, 1000);
    layer_->setFormat(tr("layer"));
    stage_ = new QLabel(tr("Not started."));
    time_ = new QLabel;
    device_used_ = new QLabel;
    device_used_->setObjectName("deviceLabel");
    device_used_->setWordWrap(true);
    device_used_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(new QLabel(tr("Overall")), 0, 0);
    grid->addWidget(overall_, 0, 1);
    grid->addWidget(new QLabel(tr("Layer")), 1, 0);
    grid->addWidget(layer_, 1, 1);
    grid->addWidget(stage_, 2, 1);
    grid->addWidget(time_, 3, 1);
    grid->addWidget(device_used_, 4, 1);
    layout->addLayout(grid);

    auto* split = new QSplitter(Qt::Horizontal);
    curve_ = new LossCurvePlot;
    split->addWidget(curve_);
    log_ = new QPlainTextEdit;
    log_->setObjectName("quantizeLog");
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(5000);
    split->addWidget(log_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    summary_ = new QLabel;
    summary_->setObjectName("summaryLabel");
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary_);

    connect(start_, &QPushButton::clicked, this, &QuantizePage::start);
    connect(cancel_, &QPushButton::clicked, this, &QuantizePage::cancel);
    connect(&controller_, &QuantizeController::progress, this, &QuantizePage::onProgress);
    connect(&controller_, &QuantizeController::finished, this, &QuantizePage::onFinished);
    connect(&controller_, &QuantizeController::failed, this, &QuantizePage::onFailed);
    connect(&controller_, &QuantizeController::cancelled, this, &QuantizePage::onCancelled);
    connect(&controller_, &QuantizeController::stopped, this, [this] { setRunning(false); });
    connect(device_, &QComboBox::currentIndexChanged, this,
            [this] { settings_.setQuantizeDevice(device()); });
    connect(device_, &QComboBox::currentIndexChanged, this, [this] { estimate_->setDevice(device()); });
}

QString QuantizePage::summaryText() const { return summary_->text(); }
DeviceRequest QuantizePage::device() const { return DeviceRequest(device_->currentData().toInt()); }
QString QuantizePage::deviceText() const { return device_used_->text(); }

void QuantizePage::start() {
    if (!state_.model() || controller_.isRunning()) return;
    // An interrupted run into the same folder: continue it, discard it, or leave it alone for now.
    SavedWorkMode saved_work = SavedWorkMode::None;
    const SavedWork saved = read_saved_work(state_.output.folder);
    if (saved.exists) {
        const std::optional<SavedWorkMode> choice = askAboutSavedWork(saved);
        if (!choice) {
            log(tr("Not started: the interrupted run in %1 was kept.").arg(saved.folder));
            return;
        }
        saved_work = *choice;
    }
    summary_->clear();
    summary_->setObjectName("summaryLabel");
    curve_->clearPlot();
    last_layer_ = -1;
    last_stage_ = Stage::Done;
    last_device_.clear();
    device_used_->setText(device() == DeviceRequest::Cpu ? tr("Device: CPU") : tr("Device: looking for the GPU …"));
    const AwqSettings& s = state_.settings;
    log(tr("Quantizing %1: %2-bit, group size %3, %4 grid points, calibration %5 × %6 tokens")
            .arg(qs(state_.model()->folder().string())).arg(s.quant.bits).arg(s.quant.group_size).arg(s.n_grid)
            .arg(state_.calibration.n_samples).arg(state_.calibration.block_len));
    const GroupSizeFit fit = check_group_size(state_.model()->config(), s.quant.group_size);
    if (!fit.fits())
        log(tr("Warning: %1").arg(groupSizeProblem(fit)) +
            (fit.fitting_group_size ? QLatin1Char(' ') + tr("Group size %1 would quantize them all (Settings).")
                                                             .arg(fit.fitting_group_size)
                                    : QString()));
    if (s.search_blocks > 0)
        log(tr("The α grid's attention and MLP losses run on the first %1 calibration blocks.").arg(s.search_blocks));
    if (saved_work == SavedWorkMode::Resume)
        log(saved.layers_done >= 0 ? tr("Resuming the interrupted run: %1 of %2 layers were already done.")
                                         .arg(saved.layers_done).arg(state_.model()->config().num_hidden_layers)
                                   : tr("Resuming the interrupted run."));
    else if (saved_work == SavedWorkMode::StartOver)
        log(tr("Discarding the interrupted run in %1.").arg(saved.folder));
    setRunning(true);
    run_output_ = state_.output.folder;
    run_layers_ = int(state_.model()->config().num_hidden_layers);
    controller_.start({state_.model(), state_.calibration, state_.settings, state_.output, saved_work, device()});
}

std::optional<SavedWorkMode> QuantizePage::askAboutSavedWork(const SavedWork& saved) {
    const int n_layers = int(state_.model()->config().num_hidden_layers);
    QString progress = saved.layers_done >= 0 ? tr("%1 of %2 layers are done.").arg(saved.layers_done).arg(n_layers)
                                              : tr("How far it got could not be read.");
    QMessageBox box(QMessageBox::Question, tr("Interrupted quantization"),
                    tr("An interrupted quantization into %1 was found. %2").arg(state_.output.folder, progress),
                    QMessageBox::NoButton, this);
    box.setObjectName(kSavedWorkDialog);
    box.setInformativeText(tr("Resume continues from the last finished layer and gives the same model as an "
                              "uninterrupted run; it needs the same model, settings and calibration as before. "
                              "Start over discards the saved layers."));
    QPushButton* resume = box.addButton(tr("Resume"), QMessageBox::AcceptRole);
    resume->setObjectName("resumeButton");
    QPushButton* start_over = box.addButton(tr("Start over"), QMessageBox::DestructiveRole);
    start_over->setObjectName("startOverButton");
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(resume);
    box.exec();
    if (box.clickedButton() == resume) return SavedWorkMode::Resume;
    if (box.clickedButton() == start_over) return SavedWorkMode::StartOver;
    return std::nullopt;
}

void QuantizePage::cancel() {
    if (!controller_.isRunning()) return;
    log(tr("Cancelling …"));
    cancel_->setEnabled(false);
    controller_.cancel();
}

void QuantizePage::setRunning(bool running) {
    start_->setEnabled(!running);
    cancel_->setEnabled(running);
    device_->setEnabled(!running);
}

void QuantizePage::onProgress(const QuantizeProgress& p) {
    if (!p.device.isEmpty() && p.device != last_device_) {
        last_device_ = p.device;
        device_used_->setText(tr("Device: %1").arg(p.device));
        log(device_used_->text());
    }
    overall_->setValue(int(p.fraction * 1000));
    layer_->setValue(int(std::clamp(p.layer_fraction, 0.0, 1.0) * 1000));
    layer_->setFormat(tr("layer %1 of %2").arg(std::min(p.layer + 1, p.n_layers)).arg(p.n_layers));
    QString what = stage_text(p.stage);
    if (!p.group.isEmpty()) what += " · " + p.group;
    stage_->setText(what);
    const double eta = p.fraction > 0.02 ? p.elapsed_seconds * (1 - p.fraction) / p.fraction : -1;
    time_->setText(tr("Elapsed %1 · remaining %2").arg(duration(p.elapsed_seconds), eta >= 0 ? duration(eta) : tr("…")));
    if (p.stage == Stage::ScaleSearch && !p.alphas.isEmpty())
        curve_->showLive(p.alphas, p.losses, tr("layer %1 · %2 (searching)").arg(p.layer).arg(p.group));
    const bool in_layer = p.stage != Stage::Done && p.stage != Stage::Exporting && p.stage != Stage::Calibrating;
    if (in_layer && p.layer != last_layer_)
        log(p.message == "resumed" ? tr("Layer %1 of %2: taken from the interrupted run").arg(p.layer + 1).arg(p.n_layers)
                                   : tr("Layer %1 of %2").arg(p.layer + 1).arg(p.n_layers));
    else if ((p.stage == Stage::Calibrating || p.stage == Stage::Exporting) && p.stage != last_stage_)
        log(stage_text(p.stage));
    last_stage_ = p.stage;
    if (p.stage != Stage::Calibrating) last_layer_ = p.layer;  // before the first layer: "Layer 1 of n" still to come
}

void QuantizePage::onFinished(const QuantizeOutcome& o) {
    overall_->setValue(1000);
    stage_->setText(stage_text(Stage::Done));
    state_.setResult(o.result, o.int4_model);
    const Report& r = o.result->report;
    showLastSearchedCurve(r);
    for (const auto& w : r.warnings) log(tr("Warning: %1").arg(qs(w)));
    if (!r.layers.empty())  // every layer has the same widths: the first says it for all
        for (const GroupReport& g : r.layers.front().groups)
            if (!g.quantized) {
                const auto sal = r.layers.front().saliency.find(g.name);
                log(tr("Group %1 in every layer: not quantized (%2 not a multiple of %3), kept in floating point.")
                        .arg(qs(g.name))
                        .arg(sal != r.layers.front().saliency.end() ? qlonglong(sal->second.size()) : 0)
                        .arg(r.settings.quant.group_size));
            }
    QString text = tr("Done in %1 s.").arg(o.seconds, 0, 'f', 1);
    if (!o.device.isEmpty()) {
        device_used_->setText(tr("Device: %1").arg(o.device));
        text += " " + tr("Device: %1.").arg(o.device);
    }
    if (!o.output_folder.isEmpty())
        text += " " + tr("Written to %1: %2 (the original: %3).")
                          .arg(o.output_folder, qs(human_bytes(o.bytes_after)), qs(human_bytes(o.bytes_before)));
    else
        text += " " + tr("Kept in memory (no output folder); weights in memory: %1 before, %2 after.")
                          .arg(qs(human_bytes(state_.model()->weights().bytes())),
                               o.int4_model ? qs(human_bytes(o.int4_model->weights().bytes())) : tr("—"));
    summary_->setText(text);
    log(text);
    emit quantized();
}

// The live view stops at the last throttled update, usually in the middle of the last search: once the run
// is done, show that search complete, with the chosen alpha marked.
void QuantizePage::showLastSearchedCurve(const Report& r) {
    for (auto layer = r.layers.rbegin(); layer != r.layers.rend(); ++layer)
        for (auto group = layer->groups.rbegin(); group != layer->groups.rend(); ++group)
            if (!group->skipped && !group->alphas.empty()) return curve_->showGroup(*group, layer->index);
}

void QuantizePage::onFailed(const QString& message) {
    stage_->setText(tr("Failed"));
    if (last_device_.isEmpty()) device_used_->clear();  // failed before a device was chosen (the message says why)
    summary_->setObjectName("errorLabel");
    summary_->setText(tr("Quantization failed: %1").arg(message));
    summary_->style()->unpolish(summary_);
    summary_->style()->polish(summary_);
    log(summary_->text());
}

void QuantizePage::onCancelled() {
    stage_->setText(tr("Cancelled"));
    if (last_device_.isEmpty()) device_used_->clear();
    // The finished layers of an exporting run stay in its work folder, ready to be resumed.
    const SavedWork saved = read_saved_work(run_output_);
    if (saved.exists && saved.layers_done > 0)
        summary_->setText(tr("Cancelled; no model was written. %1 of %2 layers are done and kept in %3: start "
                             "again and choose Resume to continue.")
                              .arg(saved.layers_done).arg(run_layers_).arg(saved.folder));
    else
        summary_->setText(tr("Cancelled; nothing was written."));
    log(summary_->text());
}

void QuantizePage::log(const QString& line) {
    log_->appendPlainText(QTime::currentTime().toString("HH:mm:ss  ") + line);
}

}  // namespace awq::gui
