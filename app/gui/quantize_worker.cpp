// SPDX-License-Identifier: GPL-3.0-or-later
#include "quantize_worker.hpp"
#include "core_message_text.hpp"
#include "gui_metatypes.hpp"

#include <awq/error.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/quant/work_folder.hpp>
#include <awq/device/gpu_plugin.hpp>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>

namespace awq::gui {

void QuantizeWorker::run() {
    clock_.start();
    since_emit_.start();
    try {
        QuantizeOutcome out = quantizeAndExport();
        emit finished(out);
    } catch (const Cancelled&) {
        emit cancelled();
    } catch (const std::exception& e) {
        emit failed(QString::fromUtf8(e.what()));
    } catch (...) {
        emit failed(tr("unknown error"));
    }
}

SavedWork read_saved_work(const QString& output_folder) {
    SavedWork w;
    if (output_folder.isEmpty()) return w;
    const std::filesystem::path dir = WorkFolder::path_for(ss(output_folder));
    w.folder = qs(dir.string());
    std::error_code ec;
    w.exists = std::filesystem::exists(dir, ec);
    if (!w.exists) return w;
    QFile f(qs((dir / "state.json").string()));
    if (f.size() > (1 << 20) || !f.open(QIODevice::ReadOnly)) return w;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll());
    if (!doc.isObject() || doc["format"].toString() != "awq-studio-work") return w;
    const QJsonValue done = doc["layers_done"];
    if (done.isDouble() && done.toInt(-1) >= 0) w.layers_done = done.toInt(-1);
    w.fingerprint = doc["fingerprint"].toString();
    return w;
}

QuantizeOutcome QuantizeWorker::quantizeAndExport() {
    const Model& model = *job_.model;
    const bool exporting = !job_.output.folder.isEmpty();
    if (exporting && job_.settings.quant.bits != 4)
        throw InvalidArgument(tr("only 4-bit models can be exported; choose 4 bits or clear the output folder").toStdString());
    // The flow, the work folder and what counts as already complete are the core's (quantize_and_export.hpp),
    // shared with `awq quantize`.
    QuantizeExportOptions options;
    if (exporting) {
        options.out = ss(job_.output.folder);
        options.overwrite = job_.output.overwrite;
        options.interrupted = job_.saved_work == SavedWorkMode::Resume      ? InterruptedRun::Resume
                              : job_.saved_work == SavedWorkMode::StartOver ? InterruptedRun::StartOver
                                                                            : InterruptedRun::Refuse;
    }
    // A finished export found on Resume still gives the chat its INT4 model: rebuilt from the saved layers.
    options.load_layers_when_complete = true;
    check_quantize_destination(model, job_.settings, options);
    // Before the calibration is read (and the work folder opened), so that Cuda without a GPU fails at once
    // and leaves nothing behind. Kept alive for the whole run.
    const std::unique_ptr<LayerCompute> compute = chooseDevice(int(model.config().num_hidden_layers));
    options.compute = compute.get();

    Progress start;
    start.stage = Stage::Calibrating;
    start.n_layers = int(model.config().num_hidden_layers);
    start.message = "reading calibration data";
    onProgress(start);
    CalibrationOptions co;
    co.n_samples = job_.calibration.n_samples;
    co.block_len = job_.calibration.block_len;
    const std::filesystem::path source =
        job_.calibration.source.isEmpty() ? default_calibration_path() : std::filesystem::path(ss(job_.calibration.source));
    const CalibrationSet calib = load_calibration(source, model.tokenizer(), co);
    if (cancel_->load()) throw Cancelled();

    QuantizeExportResult run;
    try {
        run = quantize_and_export(job_.model, calib, job_.settings, options,
                                  [this](const Progress& p) { return onProgress(p); });
    } catch (const SavedWorkConflict& e) {
        throw InvalidArgument(savedWorkMessage(e).toStdString());
    }
    QuantizeOutcome out;
    out.bytes_before = summarize(model).bytes_on_disk;
    if (!run.folder.empty()) {
        out.output_folder = qs(run.folder.string());
        out.bytes_after = run.bytes;
    }
    if (run.quantization) {
        if (job_.settings.quant.bits == 4) out.int4_model = make_quantized_model(*run.quantization, true);
        out.result = run.quantization;
    } else {
        // Already complete with no saved layers to rebuild from: the export's report, and the export itself
        // as the INT4 model.
        auto result = std::make_shared<QuantizationResult>();
        result->base = job_.model;
        result->settings = job_.settings;
        result->report = run.report;
        out.result = result;
        out.int4_model = Model::load(run.folder);
    }
    out.seconds = clock_.elapsed() / 1000.0;
    out.progress_events = events_;
    out.device = device_;
    out.on_gpu = on_gpu_;
    return out;
}

// The core's message names the CLI's options; the page's buttons are named here instead.
QString QuantizeWorker::savedWorkMessage(const SavedWorkConflict& e) {
    const QString shown = qs(e.folder().string());
    if (e.problem() == SavedWorkConflict::Problem::Found)
        return tr("%1: an interrupted quantization was found there; start again and choose Resume "
                  "or Start over").arg(shown);
    return tr("%1 cannot be resumed: it belongs to a different run (the model, the AWQ settings "
              "or the calibration data differ). Choose the same ones as before, or start again "
              "and choose Start over to discard it.").arg(shown);
}

std::unique_ptr<LayerCompute> QuantizeWorker::chooseDevice(int n_layers) {
    const DeviceRequest request = job_.device;
    DevicePlacement<LayerCompute> placed = place_on_device<LayerCompute>(
        request, [](const GpuStatus& gpu) { return make_gpu_layer_compute(gpu); });
    if (placed.on_gpu) {
        device_ = tr("GPU: %1").arg(qs(describe_device(placed.gpu.device)));
        on_gpu_ = true;
    } else if (request == DeviceRequest::Cuda) {
        throw Unsupported(tr("the GPU was asked for but cannot be used: %1").arg(cpuReasonText(placed.gpu, placed.cpu_reason)).toStdString());
    } else if (request == DeviceRequest::Auto) {
        device_ = tr("CPU (not on the GPU: %1)").arg(cpuReasonText(placed.gpu, placed.cpu_reason));
    } else {
        device_ = tr("CPU");
    }
    // Announced at once (not throttled): the page logs it before the run's first stage.
    last_.stage = Stage::Calibrating;
    last_.n_layers = n_layers;
    last_.device = device_;
    last_.message = device_;
    last_.elapsed_seconds = clock_.elapsed() / 1000.0;
    since_emit_.restart();
    emitProgress();
    return std::move(placed.on_gpu);
}

// The queued signal carries a copy whose curve arrays own their memory: an implicitly shared copy would let
// this thread append to last_'s arrays while the GUI thread still reads them (Qt decides whether to detach
// from a relaxed reference-count load; ThreadSanitizer reported the race).
void QuantizeWorker::emitProgress() {
    QuantizeProgress copy = last_;
    copy.alphas.detach();
    copy.losses.detach();
    emit progress(copy);
}

bool QuantizeWorker::onProgress(const Progress& p) {
    ++events_;
    if (cancel_->load()) return false;
    const bool new_curve = p.stage == Stage::ScaleSearch &&
                           (p.grid_point == 0 || qs(p.group) != last_.group || p.layer != last_.layer);
    if (p.stage == Stage::ScaleSearch) {
        if (new_curve) last_.alphas.clear(), last_.losses.clear();
        last_.alphas.push_back(p.alpha);
        last_.losses.push_back(p.loss);
    }
    const bool milestone = p.stage != last_.stage || p.layer != last_.layer || p.stage == Stage::Done ||
                           p.stage == Stage::Exporting;
    last_.stage = p.stage;
    last_.layer = p.layer;
    last_.n_layers = p.n_layers;
    last_.group = qs(p.group);
    last_.fraction = p.fraction;
    last_.layer_fraction = p.n_layers > 0 ? p.fraction * p.n_layers - p.layer : 0;
    last_.message = qs(p.message);
    last_.elapsed_seconds = clock_.elapsed() / 1000.0;
    // Throttle: stage and layer changes always go out, everything else at most every kProgressIntervalMs.
    if (milestone || since_emit_.elapsed() >= kProgressIntervalMs) {
        since_emit_.restart();
        emitProgress();
    }
    return !cancel_->load();
}

QuantizeController::~QuantizeController() {
    if (thread_) {
        cancel_->store(true);
        thread_->quit();
        thread_->wait();
    }
}

void QuantizeController::start(QuantizeJob job) {
    if (thread_) return;
    register_gui_metatypes();
    thread_ = new QThread(this);
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto* worker = new QuantizeWorker(std::move(job), cancel_);
    worker->moveToThread(thread_);
    connect(thread_, &QThread::started, worker, &QuantizeWorker::run, Qt::QueuedConnection);
    connect(worker, &QuantizeWorker::progress, this, &QuantizeController::progress, Qt::QueuedConnection);
    connect(worker, &QuantizeWorker::finished, this, &QuantizeController::finished, Qt::QueuedConnection);
    connect(worker, &QuantizeWorker::failed, this, &QuantizeController::failed, Qt::QueuedConnection);
    connect(worker, &QuantizeWorker::cancelled, this, &QuantizeController::cancelled, Qt::QueuedConnection);
    // Whatever the ending, the worker's thread stops and both objects are deleted.
    connect(worker, &QuantizeWorker::finished, thread_, &QThread::quit, Qt::DirectConnection);
    connect(worker, &QuantizeWorker::failed, thread_, &QThread::quit, Qt::DirectConnection);
    connect(worker, &QuantizeWorker::cancelled, thread_, &QThread::quit, Qt::DirectConnection);
    connect(thread_, &QThread::finished, worker, &QObject::deleteLater);
    connect(thread_, &QThread::finished, this, &QuantizeController::onThreadFinished, Qt::QueuedConnection);
    thread_->start();
}

void QuantizeController::cancel() {
    if (cancel_) cancel_->store(true);
}

void QuantizeController::onThreadFinished() {
    if (!thread_) return;
    thread_->deleteLater();
    thread_ = nullptr;
    emit stopped();
}

}  // namespace awq::gui
