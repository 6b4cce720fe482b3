// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// One side of the comparison chat: a model on its own ChatEngine (thread), its conversation, the streamed
// reply, and its numbers (tokens/s, time to first token, weight memory, engine), and the device it runs on.
#include "chat_worker.hpp"

#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace awq::gui {

class PromptDialog;

class ChatPane : public QWidget {
    Q_OBJECT
public:
    ChatPane(const QString& title, QWidget* parent = nullptr);
    // `result`: the AWQ result `model` was made from (lets the GPU rebuild an in-memory AWQ model).
    void setModel(std::shared_ptr<const Model> model, const QString& label,
                  std::shared_ptr<const QuantizationResult> result = nullptr);
    // Where the engine runs (chat_worker.hpp); a change restarts the engine, keeping the conversation.
    void setDevice(DeviceRequest device);
    DeviceRequest device() const { return device_; }
    QString deviceText() const;  // what the device label shows
    QString title() const;       // the heading: "AWQ (INT4) — 20 % of weights INT4, rest BF16"
    static QString precisionSuffix(const Model& m);
    bool onGpu() const { return engine_ && engine_->onGpu(); }
    bool hasModel() const { return engine_ != nullptr; }
    std::shared_ptr<const Model> model() const { return model_; }
    bool isBusy() const { return engine_ && engine_->isBusy(); }
    QString engineName() const { return engine_ ? engine_->engineName() : QString(); }
    void send(const QString& user_text, const GenerationOptions& options);
    void stop();
    void clearConversation();
    QString transcript() const;
    // Opens a read-only view of the exact prompt text and token ids this pane's model was fed for the last
    // user turn (null without a model).
    PromptDialog* showPrompt();
    QString lastReply() const { return reply_; }
    const ChatStats& lastStats() const { return stats_; }

signals:
    void replyFinished();
    void streamed(const QString& text);  // each batch of new text, as it arrives
    void loadRequested();
    void deviceReady();  // the engine has picked its device (deviceText() says which)

private:
    void render();
    void startEngine();
    QString base_title_;
    QLabel* title_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* device_label_ = nullptr;
    QLabel* stats_label_ = nullptr;
    QPushButton* prompt_button_ = nullptr;
    QTextBrowser* view_ = nullptr;
    std::unique_ptr<ChatEngine> engine_;
    std::shared_ptr<const Model> model_;
    std::shared_ptr<const QuantizationResult> result_;
    QString label_;
    DeviceRequest device_ = DeviceRequest::Auto;
    QVector<QPair<QString, QString>> messages_;
    QString reply_, error_;
    ChatStats stats_;
};

}  // namespace awq::gui
