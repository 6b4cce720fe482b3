// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One quantization run off the GUI thread: QuantizeWorker lives on its own QThread (one per run) and talks
// to the GUI only by queued signals. Cancellation is an atomic flag the core's progress callback polls;
// progress is throttled to ~20 Hz; every exception is caught in the worker and emitted as failed().
// An exporting run saves each finished layer to the work folder next to the output (<out>.awq-work, see
// awq/quant/work_folder.hpp, the same folder `awq quantize --resume` uses), so an interrupted run - cancelled,
// crashed or killed - can be resumed by the GUI or the CLI; the folder is removed after a successful export.
// The run itself is the core's quantize_and_export (awq/export/quantize_and_export.hpp), the same as
// `awq quantize`, which also decides when a resumed output is already complete.
//
// Device, as `awq quantize --device`: Auto runs the per-layer search on the GPU through the CUDA plugin
// (awq/device/gpu_plugin.hpp) when it loads and finds one, else on the CPU with the reason; Cuda fails
// with the reason instead; Cpu never looks. The GPU makes the CPU's choices (INT4 codes equal but for rare
// rounding near ties), and a work folder can be resumed on either device. The choice is made before the
// calibration is read and reported in a progress signal and in the outcome.
#include "app_state.hpp"

#include <awq/device/device_choice.hpp>
#include <awq/export/quantize_and_export.hpp>
#include <awq/quant/layer_compute.hpp>

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>

namespace awq::gui {

// What to do with an interrupted run's work folder when exporting.
enum class SavedWorkMode {
    None,       // none expected: a work folder that exists anyway is refused
    Resume,     // continue from its last finished layer (it must belong to the same model, settings, calibration)
    StartOver,  // discard it first
};

struct QuantizeJob {
    std::shared_ptr<const Model> model;
    CalibrationChoice calibration;
    AwqSettings settings;
    OutputChoice output;
    SavedWorkMode saved_work = SavedWorkMode::None;
    DeviceRequest device = DeviceRequest::Auto;  // see above
};

// The state of an interrupted run's work folder for an output folder, read from its state.json.
struct SavedWork {
    bool exists = false;       // <out>.awq-work is there
    int layers_done = -1;      // -1 when state.json is missing or unreadable
    QString fingerprint;       // empty when unknown
    QString folder;            // the work folder
};
SavedWork read_saved_work(const QString& output_folder);

// What the GUI sees of the run's progress (a copy, safe to queue across threads).
struct QuantizeProgress {
    Stage stage = Stage::Calibrating;
    int layer = 0, n_layers = 0;
    QString group;
    double fraction = 0, layer_fraction = 0;
    double elapsed_seconds = 0;
    QVector<double> alphas, losses;  // the scale-search curve of the group being searched, so far
    QString message;
    QString device;  // where the run computes (QuantizeOutcome::device); empty until chosen
};

struct QuantizeOutcome {
    std::shared_ptr<const QuantizationResult> result;
    std::shared_ptr<const Model> int4_model;  // runs on the INT4 kernels (for the chat)
    QString output_folder;                    // empty when not exported
    quint64 bytes_before = 0, bytes_after = 0;
    double seconds = 0;
    quint64 progress_events = 0;             // callbacks from the core (before throttling)
    // Where the search ran: "GPU: NVIDIA H100 … (79.1 GiB, sm_90)", "CPU", or "CPU (not on the GPU: <reason>)".
    QString device;
    bool on_gpu = false;
};

class QuantizeWorker : public QObject {
    Q_OBJECT
public:
    // `cancel` is shared with the controller, which sets it from the GUI thread while run() is busy.
    QuantizeWorker(QuantizeJob job, std::shared_ptr<std::atomic<bool>> cancel)
        : job_(std::move(job)), cancel_(std::move(cancel)) {}
    static constexpr int kProgressIntervalMs = 50;

public slots:
    void run();

signals:
    void progress(const awq::gui::QuantizeProgress& p);
    void finished(const awq::gui::QuantizeOutcome& outcome);
    void failed(const QString& message);
    void cancelled();

private:
    bool onProgress(const Progress& p);
    void emitProgress();
    QuantizeOutcome quantizeAndExport();
    // The LayerCompute for quantize_model (null: the CPU); sets device_ / on_gpu_ and announces them.
    // Throws Unsupported with the reason for Cuda without a usable GPU.
    std::unique_ptr<LayerCompute> chooseDevice(int n_layers);
    static QString savedWorkMessage(const SavedWorkConflict& e);

    QuantizeJob job_;
    std::shared_ptr<std::atomic<bool>> cancel_;
    QElapsedTimer clock_, since_emit_;
    QuantizeProgress last_;
    quint64 events_ = 0;
    QString device_;
    bool on_gpu_ = false;
};

// Owns one run: creates the thread and worker, wires them with queued connections, forwards the signals,
// and cleans up when the thread ends. One run at a time.
class QuantizeController : public QObject {
    Q_OBJECT
public:
    explicit QuantizeController(QObject* parent = nullptr) : QObject(parent) {}
    ~QuantizeController() override;
    bool isRunning() const { return thread_ != nullptr; }
    void start(QuantizeJob job);
    void cancel();

signals:
    void progress(const awq::gui::QuantizeProgress& p);
    void finished(const awq::gui::QuantizeOutcome& outcome);
    void failed(const QString& message);
    void cancelled();
    void stopped();  // after any of the three endings, once the thread is gone

private:
    void onThreadFinished();
    QThread* thread_ = nullptr;
    std::shared_ptr<std::atomic<bool>> cancel_;
};

}  // namespace awq::gui

Q_DECLARE_METATYPE(awq::gui::QuantizeProgress)
Q_DECLARE_METATYPE(awq::gui::QuantizeOutcome)
