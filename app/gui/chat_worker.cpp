// SPDX-License-Identifier: GPL-3.0-or-later
#include "chat_worker.hpp"
#include "app_state.hpp"
#include "core_message_text.hpp"
#include "gui_metatypes.hpp"

#include <awq/error.hpp>
#include <awq/model/model_summary.hpp>
#include <awq/device/gpu_plugin.hpp>
#include <awq/runtime/session.hpp>

#include <algorithm>

namespace awq::gui {

namespace {

int64_t chat_context(const Model& m) { return std::min<int64_t>(m.config().max_position_embeddings, 4096); }

}  // namespace

ChatWorker::ChatWorker(std::shared_ptr<const Model> model, std::shared_ptr<const QuantizationResult> result,
                       DeviceRequest device, std::shared_ptr<std::atomic<bool>> stop)
    : model_(std::move(model)), result_(std::move(result)), device_(device), stop_(std::move(stop)) {}

ChatWorker::~ChatWorker() = default;

void ChatWorker::prepare() {
    DevicePlacement<GpuSession> placed = place_on_device<GpuSession>(device_, [&](const GpuStatus& gpu) {
        return std::make_unique<GpuSession>(gpu, model_, chat_context(*model_), result_.get());
    });
    if (placed.on_gpu) {
        const gpu_plugin::SessionInfo i = placed.on_gpu->info();
        gpu_ = std::move(placed.on_gpu);
        emit deviceReady(tr("GPU: %1 · %2, %3 on the GPU")
                             .arg(qs(describe_device(placed.gpu.device)), qs(i.weights_kind),
                                  qs(human_bytes(i.weights + i.kv_cache + i.scratch))),
                         true);
        return;
    }
    if (device_ == DeviceRequest::Cpu) {
        emit deviceReady(tr("CPU"), false);
        return;
    }
    // Too large for the GPU, a layout it cannot run, a model only in memory, no GPU: the CPU still can
    // (asked for Cuda, every reply then says why it does not run).
    gpu_missing_ = cpuReasonText(placed.gpu, placed.cpu_reason);
    emit deviceReady(device_ == DeviceRequest::Cuda
                         ? tr("CPU: the GPU was asked for but cannot be used: %1").arg(gpu_missing_)
                         : tr("CPU (not on the GPU: %1)").arg(gpu_missing_),
                     false);
}

void ChatWorker::generateReply(const ChatRequest& request) {
    try {
        if (device_ == DeviceRequest::Cuda && !gpu_) throw Unsupported("the GPU was asked for but cannot be used: " + ss(gpu_missing_));
        std::vector<ChatMessage> messages;
        for (const auto& [role, content] : request.messages) messages.push_back({ss(role), ss(content)});
        const std::string text = model_->chat_template().render(messages, true);
        // The rendered template already holds its BOS text; do not let the post-processor add another.
        const std::vector<int32_t> ids = model_->tokenizer().encode(text, false);
        const int64_t ctx = chat_context(*model_);
        if (int64_t(ids.size()) >= ctx)
            throw InvalidArgument("the conversation has " + std::to_string(ids.size()) +
                                  " tokens; the context holds " + std::to_string(ctx));
        GenerationOptions opt = request.options;
        opt.max_new_tokens = int(std::min<int64_t>(opt.max_new_tokens, ctx - int64_t(ids.size())));
        // Each request carries the whole conversation: the GPU session starts over, the CPU gets a new one
        // (its KV cache is not held between replies).
        std::unique_ptr<Session> cpu;
        Session* session = gpu_.get();
        if (session) {
            session->reset();
        } else {
            cpu = std::make_unique<InferenceSession>(model_, ctx);
            session = cpu.get();
        }
        QString pending;
        QElapsedTimer since_emit;
        since_emit.start();
        const GenerationResult r = generate(*session, ids, opt, [&](int32_t, const std::string& piece) {
            pending += QString::fromStdString(piece);
            if (!pending.isEmpty() && since_emit.elapsed() >= kTokenIntervalMs) {
                emit tokens(pending);
                pending.clear();
                since_emit.restart();
            }
            return !stop_->load();
        });
        if (!pending.isEmpty()) emit tokens(pending);
        ChatStats st;
        st.tokens = int(r.tokens.size());
        st.ttft_seconds = r.prefill_seconds;
        st.tokens_per_second = r.decode_tokens_per_second();
        st.stopped = r.stop == GenerationResult::Stop::Cancelled || stop_->load();
        emit finished(st);
    } catch (const std::exception& e) {
        emit failed(QString::fromUtf8(e.what()));
    }
}

ChatEngine::ChatEngine(std::shared_ptr<const Model> model, std::shared_ptr<const QuantizationResult> result,
                       DeviceRequest device, QObject* parent)
    : QObject(parent), model_(std::move(model)) {
    register_gui_metatypes();
    auto* worker = new ChatWorker(model_, std::move(result), device, stop_);
    worker->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &ChatEngine::requestPrepare, worker, &ChatWorker::prepare, Qt::QueuedConnection);
    connect(this, &ChatEngine::requestGeneration, worker, &ChatWorker::generateReply, Qt::QueuedConnection);
    connect(worker, &ChatWorker::deviceReady, this, [this](const QString& d, bool gpu) {
        device_description_ = d;
        on_gpu_ = gpu;
        emit deviceReady(d, gpu);
    }, Qt::QueuedConnection);
    connect(worker, &ChatWorker::tokens, this, &ChatEngine::tokens, Qt::QueuedConnection);
    connect(worker, &ChatWorker::finished, this, [this](const ChatStats& s) {
        busy_ = false;
        emit finished(s);
    }, Qt::QueuedConnection);
    connect(worker, &ChatWorker::failed, this, [this](const QString& m) {
        busy_ = false;
        emit failed(m);
    }, Qt::QueuedConnection);
    thread_.setObjectName("chat");
    thread_.start();
    emit requestPrepare();  // queued before any request, so that the first reply finds the device chosen
}

ChatEngine::~ChatEngine() {
    stop_->store(true);
    thread_.quit();
    thread_.wait();
}

QString ChatEngine::engineName() const {
    // The distinct kinds of a layer's linears: "int4-g128", or "bf16 + int4-g64" when a group size left
    // some in floating point.
    const auto& layers = model_->weights().layers;
    if (layers.empty()) return {};
    const LayerWeights& l = layers[0];
    QStringList kinds;
    for (const Linear* lin : {l.q_proj.get(), l.k_proj.get(), l.v_proj.get(), l.o_proj.get(), l.gate_proj.get(),
                              l.up_proj.get(), l.down_proj.get()})
        if (!kinds.contains(qs(lin->kind()))) kinds << qs(lin->kind());
    return kinds.join(QStringLiteral(" + "));
}

quint64 ChatEngine::weightBytes() const { return model_->weights().bytes(); }

void ChatEngine::send(const ChatRequest& request) {
    if (busy_) return;
    busy_ = true;
    stop_->store(false);
    emit requestGeneration(request);
}

}  // namespace awq::gui
