// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A read-only view of the exact prompt a chat pane's model is fed: the text its chat template renders for
// the conversation up to the last user turn (with the assistant's generation prompt) and the token ids the
// model's tokenizer makes of it (no special tokens added: the template writes its own BOS).
#include <QDialog>
#include <QPair>
#include <QVector>

class QLabel;
class QPlainTextEdit;

namespace awq {
class Model;
}

namespace awq::gui {

class PromptDialog : public QDialog {
    Q_OBJECT
public:
    // `messages`: (role, content) pairs, as the chat pane keeps them.
    PromptDialog(const Model& model, const QVector<QPair<QString, QString>>& messages, QWidget* parent = nullptr);
    QString promptText() const;  // exactly the rendered prompt ("" when there is none)
    QString idsText() const;     // the ids, space-separated

private:
    QLabel* summary_ = nullptr;
    QPlainTextEdit* prompt_ = nullptr;
    QPlainTextEdit* ids_ = nullptr;
};

}  // namespace awq::gui
