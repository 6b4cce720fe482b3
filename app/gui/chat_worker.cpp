#include "chat_worker.hpp"
#include "app_state.hpp"
#include "quantize_worker.hpp"

#include <awq/error.hpp>
#include <awq/runtime/session.hpp>

#include <algorithm>

namespace awq::gui {

void ChatWorker::generateReply(const ChatRequest& request) {
    try {
        std::vector<ChatMessage> messages;
        for (const auto& [role, content] : request.messages) messages.push_back({ss(role), ss(content)});
        const std::string text = model_->chat_template().render(messages, true);
        // The rendered template already holds its BOS text; do not let the post-processor add another.
        const std::vector<int32_t> ids = model_->tokenizer().encode(text, false);
        const int64_t ctx = std::min<int64_t>(model_->config().max_position_embeddings, 4096);
        if (int64_t(ids.size()) >= ctx)
            throw InvalidArgument("the conversation has " + std::to_string(ids.size()) +
                                  " tokens; the context holds " + std::to_string(ctx));
        GenerationOptions opt = request.options;
        opt.max_new_tokens = int(std::min<int64_t>(opt.max_new_tokens, ctx - int64_t(ids.size())));
        InferenceSession session(model_, ctx);
        QString pending;
        QElapsedTimer since_emit;
        since_emit.start();
        const GenerationResult r = generate(session, ids, opt, [&](int32_t, const std::string& piece) {
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

ChatEngine::ChatEngine(std::shared_ptr<const Model> model, QObject* parent) : QObject(parent), model_(std::move(model)) {
    register_gui_metatypes();
    auto* worker = new ChatWorker(model_, stop_);
    worker->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker, &QObject::deleteLater);
    connect(this, &ChatEngine::requestGeneration, worker, &ChatWorker::generateReply, Qt::QueuedConnection);
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
}

ChatEngine::~ChatEngine() {
    stop_->store(true);
    thread_.quit();
    thread_.wait();
}

QString ChatEngine::engineName() const {
    const auto& layers = model_->weights().layers;
    return layers.empty() ? QString() : qs(layers[0].q_proj->kind());
}

quint64 ChatEngine::weightBytes() const { return model_->weights().bytes(); }

void ChatEngine::send(const ChatRequest& request) {
    if (busy_) return;
    busy_ = true;
    stop_->store(false);
    emit requestGeneration(request);
}

}  // namespace awq::gui
