// SPDX-License-Identifier: GPL-3.0-or-later
#include "prompt_dialog.hpp"
#include "core_message_text.hpp"

#include <awq/error.hpp>
#include <awq/model/model.hpp>

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace awq::gui {

PromptDialog::PromptDialog(const Model& model, const QVector<QPair<QString, QString>>& messages, QWidget* parent)
    : QDialog(parent) {
    setWindowTitle(tr("Prompt fed to the model"));
    auto* layout = new QVBoxLayout(this);
    summary_ = new QLabel;
    summary_->setObjectName("promptSummary");
    summary_->setWordWrap(true);
    layout->addWidget(summary_);
    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    prompt_ = new QPlainTextEdit;
    prompt_->setObjectName("promptText");
    prompt_->setReadOnly(true);
    prompt_->setFont(mono);
    layout->addWidget(prompt_, 3);
    layout->addWidget(new QLabel(tr("Token ids:")));
    ids_ = new QPlainTextEdit;
    ids_->setObjectName("promptIds");
    ids_->setReadOnly(true);
    ids_->setFont(mono);
    layout->addWidget(ids_, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(720, 560);

    // The prompt of the last reply: the conversation up to its last user turn.
    std::vector<ChatMessage> conversation;
    for (const auto& [role, content] : messages) conversation.push_back({role.toStdString(), content.toStdString()});
    while (!conversation.empty() && conversation.back().role != "user") conversation.pop_back();
    const ChatTemplate& tmpl = model.chat_template();
    const QString how = tmpl.uses_template() ? tr("Chat template: %1.").arg(chatTemplateText(tmpl))
                                             : tr("No usable chat template: %1").arg(QString::fromStdString(tmpl.note));
    if (conversation.empty()) {
        summary_->setText(how + " " + tr("No message yet: the prompt appears after the first message."));
        return;
    }
    try {
        const std::string text = tmpl.render(conversation, true);
        const std::vector<int32_t> ids = model.tokenizer().encode(text, false);
        prompt_->setPlainText(QString::fromStdString(text));
        QStringList parts;
        for (int32_t id : ids) parts << QString::number(id);
        ids_->setPlainText(parts.join(' '));
        summary_->setText(how + " " + tr("%n token(s).", nullptr, int(ids.size())));
    } catch (const Error& e) {
        summary_->setText(how + " " + tr("The template could not render this conversation: %1").arg(QString::fromUtf8(e.what())));
    }
}

QString PromptDialog::promptText() const { return prompt_->toPlainText(); }

QString PromptDialog::idsText() const { return ids_->toPlainText(); }

}  // namespace awq::gui
