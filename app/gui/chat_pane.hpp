#pragma once
// One side of the comparison chat: a model on its own ChatEngine (thread), its conversation, the streamed
// reply, and its numbers (tokens/s, time to first token, weight memory, engine).
#include "chat_worker.hpp"

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace awq::gui {

class ChatPane : public QWidget {
    Q_OBJECT
public:
    ChatPane(const QString& title, QWidget* parent = nullptr);
    void setModel(std::shared_ptr<const Model> model, const QString& label);
    bool hasModel() const { return engine_ != nullptr; }
    bool isBusy() const { return engine_ && engine_->isBusy(); }
    QString engineName() const { return engine_ ? engine_->engineName() : QString(); }
    void send(const QString& user_text, const GenerationOptions& options);
    void stop();
    void clearConversation();
    QString transcript() const;
    QString lastReply() const { return reply_; }
    const ChatStats& lastStats() const { return stats_; }

signals:
    void replyFinished();
    void streamed(const QString& text);  // each batch of new text, as it arrives
    void loadRequested();

private:
    void render();
    QLabel* title_ = nullptr;
    QLabel* info_ = nullptr;
    QLabel* stats_label_ = nullptr;
    QTextBrowser* view_ = nullptr;
    std::unique_ptr<ChatEngine> engine_;
    QVector<QPair<QString, QString>> messages_;
    QString reply_, error_;
    ChatStats stats_;
};

}  // namespace awq::gui
