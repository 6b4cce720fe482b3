// SPDX-License-Identifier: GPL-3.0-or-later
#include "run_estimate_view.hpp"
#include "core_message_text.hpp"

#include <awq/device/gpu_plugin.hpp>
#include <awq/quant/calibration.hpp>

#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace awq::gui {

namespace {

QString gib(double bytes) {
    return bytes >= double(1 << 30) ? RunEstimateView::tr("%1 GB").arg(bytes / double(1 << 30), 0, 'f', 1)
                                    : RunEstimateView::tr("%1 MB").arg(bytes / double(1 << 20), 0, 'f', 0);
}

QString minutes(double s) {
    if (s < 90) return RunEstimateView::tr("%1 s").arg(s, 0, 'f', 0);
    if (s < 5400) return RunEstimateView::tr("%1 min").arg(s / 60, 0, 'f', 0);
    return RunEstimateView::tr("%1 h").arg(s / 3600, 0, 'f', 1);
}

QString term_lines(const std::vector<EstimateTerm>& terms, bool seconds) {
    QString s;
    for (const auto& t : terms)
        s += QStringLiteral("\n  %1  %2").arg(seconds ? minutes(t.amount) : gib(t.amount), estimateTermText(t));
    return s;
}

}  // namespace

RunEstimateView::RunEstimateView(AppState& state, QWidget* parent) : QWidget(parent), state_(state) {
    auto* v = new QVBoxLayout(this);
    v->setContentsMargins(0, 0, 0, 0);
    v->setSpacing(2);
    estimate_ = new QLabel;
    estimate_->setObjectName("runEstimate");
    estimate_->setWordWrap(true);
    v->addWidget(estimate_);
    warning_ = new QLabel;
    warning_->setObjectName("warningLabel");  // styled as the other pages' warnings
    warning_->setWordWrap(true);
    warning_->hide();
    v->addWidget(warning_);
    connect(&state_, &AppState::modelChanged, this, &RunEstimateView::refresh);
    connect(&watcher_, &QFutureWatcher<BlockCount>::finished, this, [this] {
        blocks_ = watcher_.result();
        refresh();  // the choice may have changed meanwhile: counts again or shows
    });
}

void RunEstimateView::setDevice(DeviceRequest device) {
    device_ = device;
    refresh();
}

void RunEstimateView::setAvailableMemory(std::optional<uint64_t> bytes) {
    injected_available_ = bytes;
    refresh();
}

QString RunEstimateView::estimateText() const { return estimate_->text(); }
QString RunEstimateView::warningText() const { return warning_->isHidden() ? QString() : warning_->text(); }

void RunEstimateView::showEvent(QShowEvent* e) {
    QWidget::showEvent(e);
    refresh();  // the settings and the calibration are chosen on other steps
}

QString RunEstimateView::calibrationKey() const {
    const auto m = state_.model();
    const CalibrationChoice& c = state_.calibration;
    return QStringLiteral("%1|%2|%3|%4").arg(quintptr(m.get())).arg(c.source).arg(c.n_samples).arg(c.block_len);
}

void RunEstimateView::refresh() {
    const auto model = state_.model();
    if (!model || model->is_quantized()) {
        estimate_->clear();
        warning_->hide();
        emit updated();
        return;
    }
    const QString key = calibrationKey();
    if (blocks_.key == key) return show_estimate();
    if (watcher_.isRunning()) return;  // its end refreshes again
    estimate_->setText(tr("Estimating the run's time and memory …"));
    const CalibrationChoice c = state_.calibration;
    watcher_.setFuture(QtConcurrent::run([model, c, key] {
        BlockCount b;
        b.key = key;
        try {
            const std::filesystem::path src = c.source.isEmpty() ? default_calibration_path() : std::filesystem::path(ss(c.source));
            CalibrationOptions o;
            o.n_samples = c.n_samples;
            o.block_len = c.block_len;
            b.blocks = make_calibration_blocks(read_calibration_documents(src), model->tokenizer(), o, src.string()).n_blocks();
        } catch (const std::exception& e) {
            b.error = QString::fromUtf8(e.what());
        }
        return b;
    }));
}

void RunEstimateView::show_estimate() {
    if (!blocks_.error.isEmpty() || blocks_.blocks == 0) {
        estimate_->setText(tr("No estimate: the calibration gives no blocks (%1).").arg(blocks_.error.isEmpty() ? tr("empty") : blocks_.error));
        warning_->hide();
        emit updated();
        return;
    }
    if (!gpu_present_ && device_ != DeviceRequest::Cpu) {
        const GpuStatus gpu = probe_gpu();
        gpu_present_ = gpu.available;
        gpu_memory_ = gpu.available ? gpu.device.total_memory : 0;
    }
    RunShape shape;
    shape.config = state_.model()->config();
    shape.blocks = blocks_.blocks;
    shape.block_len = state_.calibration.block_len;
    shape.settings = state_.settings;
    const bool gpu = device_ == DeviceRequest::Cuda || (device_ == DeviceRequest::Auto && gpu_present_.value_or(false));
    shape.device = gpu ? EstimateDevice::Cuda : EstimateDevice::Cpu;
    const RunEstimate e = estimate_run(shape);
    QString text = tr("Estimated: ~%1, peak memory %2 (host)").arg(minutes(e.seconds), gib(double(e.host_bytes)));
    if (gpu) text += tr(", %1 GPU").arg(gib(double(e.gpu_bytes)));
    estimate_->setText(text);
    QString tip = tr("%1 calibration blocks of %2 tokens on the %3.")
                      .arg(shape.blocks).arg(shape.block_len).arg(gpu ? tr("GPU") : tr("CPU")) +
                  QStringLiteral("\n") + tr("Host memory at its peak:") + term_lines(e.host_terms, false);
    if (gpu) tip += QStringLiteral("\n") + tr("GPU memory:") + term_lines(e.gpu_terms, false);
    tip += QStringLiteral("\n") + tr("Time by stage:") + term_lines(e.time_terms, true) + QStringLiteral("\n") +
           tr("Computed from the work the run does and throughputs measured on a 2-core CPU and an H100 "
              "(docs/benchmarks.md says how close it came).");
    estimate_->setToolTip(tip);

    const std::optional<uint64_t> available = injected_available_ ? injected_available_ : host_memory_available();
    const FitCheck fit = available ? check_fit(shape, e, *available, gpu ? gpu_memory_ : 0, gpu_present_.value_or(false))
                                   : FitCheck{};
    if (fit.fits()) {
        warning_->hide();
    } else {
        QString w;
        if (!fit.host_fits)
            w = tr("⚠ This run needs about %1 of memory; %2 is available.").arg(gib(double(e.host_required_bytes)), gib(double(fit.host_available)));
        if (!fit.gpu_fits)
            w += (w.isEmpty() ? tr("⚠ ") : QStringLiteral(" ")) +
                 tr("The GPU needs about %1; it has %2.").arg(gib(double(e.gpu_bytes)), gib(double(fit.gpu_available)));
        warning_->setText(w + QLatin1Char(' ') + suggestionText(shape, fit));
        warning_->show();
    }
    emit updated();
}

QString RunEstimateView::suggestionText(const RunShape& shape, const FitCheck& f) const {
    QStringList tips;
    for (const FitSuggestion& s : f.suggestions) switch (s.kind) {
            case FitSuggestion::Kind::FewerBlocks:
                tips << (s.blocks > 0 ? tr("Use fewer calibration samples: at most %1 blocks of %2 tokens fit (Calibration step).")
                                            .arg(s.blocks).arg(shape.block_len)
                                      : tr("Use shorter calibration blocks (Calibration step)."));
                break;
            case FitSuggestion::Kind::UseGpu: tips << tr("Or choose the GPU as the device."); break;
            case FitSuggestion::Kind::UseCpu: tips << tr("Or choose the CPU as the device."); break;
            case FitSuggestion::Kind::FreeMemory: tips << tr("Closing other programs frees memory."); break;
        }
    return tips.join(QLatin1Char(' '));
}

}  // namespace awq::gui
