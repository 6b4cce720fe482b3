// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Generation for one loaded model on one long-lived QThread. Requests arrive by queued calls, tokens leave
// by queued signals (batched to at most ~30 per second so the GUI stays responsive), Stop is an atomic flag
// the token callback polls, and errors are caught in the worker and emitted.
//
// Device: Auto runs the model on the GPU when the CUDA plugin loads and finds one (the model is
// uploaded once, on the worker thread, right after the engine starts), else on the CPU with the reason;
// Cuda insists (replies fail with the reason); Cpu never looks.
#include <awq/device/device_choice.hpp>
#include <awq/model/model.hpp>
#include <awq/quant/quantize_model.hpp>
#include <awq/runtime/generate.hpp>

#include <QElapsedTimer>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QThread>
#include <QVector>

#include <atomic>
#include <memory>

namespace awq::gui {

struct ChatRequest {
    QVector<QPair<QString, QString>> messages;  // (role, content), the whole conversation so far
    GenerationOptions options;
};

struct ChatStats {
    int tokens = 0;
    double ttft_seconds = 0;          // time to first token (prefill)
    double tokens_per_second = 0;     // decode speed
    bool stopped = false;             // by Stop
};

class ChatWorker : public QObject {
    Q_OBJECT
public:
    // `result`: the AWQ result `model` was made from, if any (the GPU rebuilds the model from it).
    ChatWorker(std::shared_ptr<const Model> model, std::shared_ptr<const QuantizationResult> result,
               DeviceRequest device, std::shared_ptr<std::atomic<bool>> stop);
    ~ChatWorker() override;
    static constexpr int kTokenIntervalMs = 33;

public slots:
    void prepare();  // picks the device (and uploads the model to the GPU); emits deviceReady
    void generateReply(const awq::gui::ChatRequest& request);

signals:
    void tokens(const QString& text);  // new text since the last signal
    void finished(const awq::gui::ChatStats& stats);
    void failed(const QString& message);
    void deviceReady(const QString& description, bool gpu);

private:
    std::shared_ptr<const Model> model_;
    std::shared_ptr<const QuantizationResult> result_;
    DeviceRequest device_;
    std::shared_ptr<std::atomic<bool>> stop_;
    std::unique_ptr<Session> gpu_;  // kept between replies: the upload is the expensive part
    QString gpu_missing_;           // why the model is not on the GPU
};

// The GUI-side handle: owns the thread (started once, for the model's lifetime) and the worker on it.
class ChatEngine : public QObject {
    Q_OBJECT
public:
    // device: see above.
    ChatEngine(std::shared_ptr<const Model> model, std::shared_ptr<const QuantizationResult> result = nullptr,
               DeviceRequest device = DeviceRequest::Auto, QObject* parent = nullptr);
    ~ChatEngine() override;
    const Model& model() const { return *model_; }
    QString engineName() const;       // the kernels the decoder layers run on: "bf16", "int4-g128", ...
    quint64 weightBytes() const;
    bool isBusy() const { return busy_; }
    QString deviceDescription() const { return device_description_; }  // empty until deviceReady
    bool onGpu() const { return on_gpu_; }
    void send(const ChatRequest& request);
    void stop() { stop_->store(true); }

signals:
    void tokens(const QString& text);
    void finished(const awq::gui::ChatStats& stats);
    void failed(const QString& message);
    void requestGeneration(const awq::gui::ChatRequest& request);  // to the worker, queued
    void requestPrepare();                                          // to the worker, queued
    void deviceReady(const QString& description, bool gpu);

private:
    std::shared_ptr<const Model> model_;
    std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
    QThread thread_;
    bool busy_ = false;
    QString device_description_;
    bool on_gpu_ = false;
};

}  // namespace awq::gui

Q_DECLARE_METATYPE(awq::gui::ChatRequest)
Q_DECLARE_METATYPE(awq::gui::ChatStats)
